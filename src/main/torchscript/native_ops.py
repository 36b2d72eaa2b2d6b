"""Builds src/main/resources/io/gan4j/native-ops.pt, the TorchScript module through which gan4j
(io.gan4j.NativeOps) reaches libtorch operations that DJL's op set lacks or runs slowly, on DJL's own
tensors in the same libtorch:
  input_gradient     torch.autograd.grad with create_graph=True (WGAN-GP's gradient penalty);
  adam_step          libtorch's one-pass Adam kernel, torch._fused_adam_, for a whole network;
  conv_transpose2d   libtorch's transposed convolution (oneDNN on CPU, cuDNN on CUDA);
  *_columns          convolution and transposed convolution by batched matrix product and im2col/col2im,
                     for images of few channels (gan4j.NativeOps says when and why);
  *_bf16             convolution and transposed convolution in bfloat16 (--precision bf16);
                     no convolution here takes a bias: NativeOps adds it;
  relu_, leaky_relu_ activations in place on a normalisation's or a convolution's output;
  add_rows_          a looked-up row added to every sample in place (a label's per-class term);
  keep_masks         dropout keep masks from a counter-based hash, all of a training step's at once;
  affine_warp        bilinear resampling of images by per-image affine maps (affine_grid + grid_sample).
Run from the repository root: /usr/bin/python3 src/main/torchscript/native_ops.py
(Debian: apt-get install python3-torch; the committed file was made with its torch 1.13 and loads in
the libtorch 2.7.1 of DJL's engine.)"""
from typing import List, Optional

import torch


class NativeOps(torch.nn.Module):

    @torch.jit.export
    def input_gradient(self, y: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        """d(sum y)/dx, itself differentiable (create_graph); nothing is accumulated into any .grad."""
        grad_outputs: List[Optional[torch.Tensor]] = [torch.ones_like(y)]
        g = torch.autograd.grad([y], [x], grad_outputs=grad_outputs, retain_graph=True, create_graph=True)[0]
        assert g is not None
        return g

    @torch.jit.export
    def adam_step(self, params: List[torch.Tensor], grads: List[torch.Tensor], exp_avgs: List[torch.Tensor],
                  exp_avg_sqs: List[torch.Tensor], step: float, lr: float, beta1: float, beta2: float, eps: float):
        """PyTorch's Adam update of every parameter (step = the update's 1-based count), then zeroes the gradients."""
        with torch.no_grad():
            steps = [torch.full([], step, device=p.device) for p in params]
            torch._fused_adam_(params, grads, exp_avgs, exp_avg_sqs, [], steps, lr=lr, beta1=beta1, beta2=beta2,
                               weight_decay=0.0, eps=eps, amsgrad=False, maximize=False)
            torch._foreach_zero_(grads)

    @torch.jit.export
    def conv_transpose2d(self, x: torch.Tensor, weight: torch.Tensor, geometry: torch.Tensor) -> torch.Tensor:
        """F.conv_transpose2d without bias; geometry = [stride, padding, output_padding] (int64, on the CPU)."""
        g = torch.jit.annotate(List[int], geometry.tolist())
        return torch.conv_transpose2d(x, weight, None, g[0], g[1], g[2])

    @torch.jit.export
    def conv_transpose2d_columns(self, x: torch.Tensor, weight: torch.Tensor, geometry: torch.Tensor) -> torch.Tensor:
        """conv_transpose2d above as x's columns times the weight, then col2im (F.fold) into the output."""
        g = torch.jit.annotate(List[int], geometry.tolist())
        b, c_in, h, w = x.size(0), x.size(1), x.size(2), x.size(3)
        rows = weight.size(1) * weight.size(2) * weight.size(3)
        # [c_out*kh*kw, c_in] for every image without a copy: one batched product, no transpose of x
        cols = torch.bmm(weight.reshape(c_in, rows).t().unsqueeze(0).expand(b, rows, c_in), x.reshape(b, c_in, h * w))
        out_h = (h - 1) * g[0] - 2 * g[1] + weight.size(2) + g[2]
        out_w = (w - 1) * g[0] - 2 * g[1] + weight.size(3) + g[2]
        return torch.nn.functional.fold(cols, [out_h, out_w], [weight.size(2), weight.size(3)], [1, 1],
                                        [g[1], g[1]], [g[0], g[0]])

    @torch.jit.export
    def conv2d_columns(self, x: torch.Tensor, weight: torch.Tensor, geometry: torch.Tensor) -> torch.Tensor:
        """F.conv2d without bias, dilation 1, one group, as im2col then the weight times the columns;
        geometry = [stride_h, stride_w, padding_h, padding_w] (int64, on the CPU)."""
        g = torch.jit.annotate(List[int], geometry.tolist())
        b, c_out, kh, kw = x.size(0), weight.size(0), weight.size(2), weight.size(3)
        if x.requires_grad:
            cols = torch.nn.functional.unfold(x, [kh, kw], [1, 1], [g[2], g[3]], [g[0], g[1]])
        else:
            # The same columns from the padded copy's strided views, copied once more into rows: several
            # times quicker than F.unfold's im2col, a loop over the images. Inputs with a gradient keep
            # F.unfold, whose backward (col2im) is quicker than the views' (unfold_backward twice).
            patches = torch.constant_pad_nd(x, [g[3], g[3], g[2], g[2]], 0.0).unfold(2, kh, g[0]).unfold(3, kw, g[1])
            cols = patches.permute(0, 1, 4, 5, 2, 3).reshape(b, x.size(1) * kh * kw, patches.size(2) * patches.size(3))
        rows = weight.size(1) * kh * kw
        y = torch.bmm(weight.reshape(c_out, rows).unsqueeze(0).expand(b, c_out, rows), cols)
        # A plain alias, not a view (as matmul's own reshapes): an in-place op on the result (a bias, an activation)
        # would make autograd copy a view's whole gradient (CopySlices).
        return torch.ops.aten._unsafe_view(y, [b, c_out, (x.size(2) + 2 * g[2] - kh) // g[0] + 1,
                                               (x.size(3) + 2 * g[3] - kw) // g[1] + 1])

    @torch.jit.export
    def conv2d_bf16(self, x: torch.Tensor, weight: torch.Tensor, geometry: torch.Tensor) -> torch.Tensor:
        """F.conv2d without bias, one group, in bfloat16: x and weight cast down as torch.autocast does, the output
        back to float32 (DJL cannot hold bfloat16); the casts' backward casts the gradients the same way, so the
        backward convolutions are bfloat16 too. geometry = [stride_h, stride_w, padding_h, padding_w, dilation_h,
        dilation_w]."""
        g = torch.jit.annotate(List[int], geometry.tolist())
        return torch.conv2d(x.to(torch.bfloat16), weight.to(torch.bfloat16), None, [g[0], g[1]], [g[2], g[3]],
                            [g[4], g[5]]).to(torch.float32)

    @torch.jit.export
    def conv_transpose2d_bf16(self, x: torch.Tensor, weight: torch.Tensor, geometry: torch.Tensor) -> torch.Tensor:
        """conv_transpose2d above in bfloat16, cast as conv2d_bf16 is."""
        g = torch.jit.annotate(List[int], geometry.tolist())
        return torch.conv_transpose2d(x.to(torch.bfloat16), weight.to(torch.bfloat16), None, g[0], g[1],
                                      g[2]).to(torch.float32)

    @torch.jit.export
    def relu_(self, x: torch.Tensor) -> torch.Tensor:
        """torch.relu_: x's negative elements set to 0 in place. Its backward reads the result, as relu's does."""
        return torch.relu_(x)

    @torch.jit.export
    def leaky_relu_(self, x: torch.Tensor, slope: torch.Tensor) -> torch.Tensor:
        """F.leaky_relu_ with negative slope slope (a 0-d tensor, > 0): x's negative elements times slope, in place.
        Its backward reads the result, whose sign is the input's, where leaky_relu's reads the input."""
        return torch._C._nn.leaky_relu_(x, float(slope))

    @torch.jit.export
    def add_rows_(self, y: torch.Tensor, index: torch.Tensor, rows: torch.Tensor) -> torch.Tensor:
        """y[i] += rows[index[i]] for every sample i, in place, as one matrix product of the one-hot index (int64
        [B]) and rows ([classes, ...], each row y[i]'s size) added into y (addmm_): one pass over y, where a lookup
        then an add write the looked-up rows and read them again. Exact for finite rows: each product element is one
        row element times 1 plus zeros. y must be a new array that no backward pass reads (a convolution's output):
        it is overwritten through plain aliases (aten::_unsafe_view, as matmul's own reshapes), because an in-place
        op on a view of y would make autograd copy y's whole gradient (CopySlices). y's version counter does not
        move, so autograd cannot detect a misuse: a backward pass that had saved y would read the new values."""
        flat = torch.ops.aten._unsafe_view(y, [y.size(0), -1])
        flat.addmm_(torch.nn.functional.one_hot(index, rows.size(0)).to(y.dtype), rows.reshape(rows.size(0), -1))
        return torch.ops.aten._unsafe_view(flat, y.size())

    @torch.jit.export
    def keep_masks(self, scale: torch.Tensor, spec: torch.Tensor) -> List[torch.Tensor]:
        """Dropout keep masks in scale's type and device: scale where kept, else 0. spec (int64, on the CPU) =
        [start, key1, key2, threshold, then per mask its rank and sizes]; the masks cover the elements start,
        start + 1, ... of a sequence in which element i is kept when lowbias32(i ^ key1), with key2 mixed in
        after the first round, is below threshold as a signed 32-bit integer. The hash is a few vectorised
        integer passes (libtorch's own generator draws one element at a time on the CPU), and element i
        depends on i and the keys only, so how a sequence is split into calls changes nothing."""
        q = torch.jit.annotate(List[int], spec.tolist())
        shapes: List[List[int]] = []
        sizes: List[int] = []
        total = 0
        i = 4
        while i < len(q):
            shape = q[i + 1:i + 1 + q[i]]
            size = 1
            for d in shape:
                size *= d
            shapes.append(shape)
            sizes.append(size)
            total += size
            i += 1 + q[i]
        # lowbias32 (C. Wellons): x ^= x >>> 16; x *= 0x7feb352d; x ^= x >>> 15; x *= 0x846ca68b; x ^= x >>> 16,
        # on int32 with wrapping products; >> is arithmetic on int32, so each shift is masked to a logical one.
        x = torch.arange(q[0], q[0] + total, dtype=torch.int32, device=scale.device).bitwise_xor_(q[1])
        x = x.bitwise_xor_(x.bitwise_right_shift(16).bitwise_and_(0xFFFF)).mul_(0x7feb352d).bitwise_xor_(q[2])
        x = x.bitwise_xor_(x.bitwise_right_shift(15).bitwise_and_(0x1FFFF)).mul_(0x846ca68b - (1 << 32))
        x = x.bitwise_xor_(x.bitwise_right_shift(16).bitwise_and_(0xFFFF))
        kept = x.lt(q[3]).to(scale.dtype).mul_(scale)
        return [m.view(s) for m, s in zip(kept.split(sizes), shapes)]

    @torch.jit.export
    def affine_warp(self, x: torch.Tensor, theta: torch.Tensor) -> torch.Tensor:
        """x [B, C, H, W] resampled bilinearly where theta [B, 2, 3] maps each output pixel's normalised
        coordinates (-1 and 1 at the corner pixels' centres) to the source's; pixels read from outside
        the image are -1 (x's black)."""
        # The aten ops behind F.affine_grid and F.grid_sample: scripting the F.* wrappers would copy their
        # Python argument checks into the module. grid_sampler: interpolation 0 = bilinear, padding 0 = zeros.
        grid = torch.affine_grid_generator(theta, [x.size(0), x.size(1), x.size(2), x.size(3)], True)
        return torch.grid_sampler(x + 1, grid, 0, 0, True) - 1

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x


torch.jit.script(NativeOps()).save("src/main/resources/io/gan4j/native-ops.pt")
