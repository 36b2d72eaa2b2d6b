"""Writes src/main/resources/io/gan4j/training/fused_adam.pt, the TorchScript module through which
io.gan4j.training.Adam reaches libtorch's one-pass Adam kernel (torch._fused_adam_), which DJL's
op set lacks: one native call per network and step instead of about ten tensor passes per weight.

Run from the repository root: /usr/bin/python3 src/main/python/make_fused_adam.py
(Debian: apt-get install python3-torch; the committed file was made with its torch 1.13 and loads in
the libtorch 2.7.1 of DJL's engine, which has the kernel on CPU as well as CUDA.)
"""
from typing import List

import torch


class FusedAdam(torch.nn.Module):
    @torch.jit.export
    def step(self, params: List[torch.Tensor], grads: List[torch.Tensor], exp_avgs: List[torch.Tensor],
             exp_avg_sqs: List[torch.Tensor], step: float, lr: float, beta1: float, beta2: float, eps: float):
        """PyTorch's Adam update of every parameter (step = the update's 1-based count), then zeroes the gradients."""
        with torch.no_grad():
            steps = [torch.full([], step, device=p.device) for p in params]
            torch._fused_adam_(params, grads, exp_avgs, exp_avg_sqs, [], steps, lr=lr, beta1=beta1, beta2=beta2,
                               weight_decay=0.0, eps=eps, amsgrad=False, maximize=False)
            torch._foreach_zero_(grads)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x


torch.jit.script(FusedAdam()).save("src/main/resources/io/gan4j/training/fused_adam.pt")
