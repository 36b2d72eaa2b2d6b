"""Builds src/main/resources/io/gan4j/losses/input-gradient.pt, the TorchScript module through which
gan4j calls torch.autograd.grad (DJL exposes no autograd.grad; see GradientPenalty.java).
Run from the repository root: python3 src/main/torchscript/input_gradient.py (made with PyTorch 1.13)."""
from typing import List, Optional

import torch


class InputGradient(torch.nn.Module):
    """forward(y, x) = d(sum y)/dx with create_graph=True, so the result can be differentiated again."""

    def forward(self, y: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        grad_outputs: List[Optional[torch.Tensor]] = [torch.ones_like(y)]
        g = torch.autograd.grad([y], [x], grad_outputs=grad_outputs, retain_graph=True, create_graph=True)[0]
        assert g is not None
        return g


torch.jit.script(InputGradient()).save("src/main/resources/io/gan4j/losses/input-gradient.pt")
