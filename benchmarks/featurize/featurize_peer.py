"""The peer of `itm`'s featurize benchmark: PIL decode + resize + centre crop, then torchvision's ResNet18 up to the
512-d global-average-pooled features (fc removed), on the CPU with 2 threads.

Preprocessing matches what itm feeds its network (src/Itm.Model/ImageEncoders/resnet18.preprocess.json and
src/Itm.Data/Images): alpha composited on white, shorter side resized to 224 (JPEGs decoded at a reduced DCT scale
first, PIL's draft mode, as itm's SkiaSharp path does), centre 224x224 crop, BGR planes, raw 0-255 values minus a
[3, 224, 224] mean image. The weights are random (no downloads are possible here); they do not change the timing.

Prints progress to stderr and one JSON object to stdout.
With --precision int8 the network is torchvision's quantizable ResNet18, fused (Conv + BN + ReLU), statically quantised
with PyTorch's own int8 path (torch.ao.quantization with its default per-channel qconfig for the engine) after
calibrating on the first batches of the folder (untimed), as the PyTorch documentation's static quantisation recipe does.
The engine is fbgemm where the build has it, else oneDNN (Debian's torch 1.13 is built without fbgemm; oneDNN is
PyTorch's other x86 int8 backend, using VNNI as fbgemm does).

Usage: featurize_peer.py FOLDER [--batch 16] [--threads 2] [--workers 0] [--variant eager|channels_last|frozen] [--precision float32|int8]
"""
import argparse
import json
import os
import platform
import sys
import time

import numpy as np
import torch
import torchvision
from PIL import Image

SIZE = 224
# itm's mean image averages to these per channel (B, G, R); a constant image costs the same to subtract.
MEAN_BGR = (103.06, 115.90, 123.15)


def load(path):
    with Image.open(path) as image:
        if image.format == "JPEG":
            image.draft("RGB", (SIZE, SIZE))   # smallest 1/2^k DCT scale whose size still covers 224x224
        if image.mode in ("RGBA", "LA", "P", "PA") or "transparency" in image.info:
            rgba = image.convert("RGBA")
            rgb = Image.new("RGB", rgba.size, (255, 255, 255))
            rgb.paste(rgba, mask=rgba.getchannel("A"))
        else:
            rgb = image.convert("RGB")
    w, h = rgb.size
    scale = SIZE / min(w, h)
    nw, nh = max(SIZE, round(w * scale)), max(SIZE, round(h * scale))
    # BILINEAR with PIL's antialiasing support for reductions; BICUBIC for enlargements, as itm picks by direction.
    rgb = rgb.resize((nw, nh), Image.BILINEAR if scale < 1 else Image.BICUBIC)
    left, top = (nw - SIZE) // 2, (nh - SIZE) // 2
    rgb = rgb.crop((left, top, left + SIZE, top + SIZE))
    array = np.asarray(rgb, dtype=np.uint8)[:, :, ::-1]          # HWC RGB -> HWC BGR
    return torch.from_numpy(np.ascontiguousarray(array.transpose(2, 0, 1)))   # CHW uint8


class Files(torch.utils.data.Dataset):
    def __init__(self, paths):
        self.paths = paths

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        return load(self.paths[i])


def int8_engine():
    engines = torch.backends.quantized.supported_engines
    return "fbgemm" if "fbgemm" in engines else "onednn" if "onednn" in engines else "qnnpack"


def quantised_network(paths, batch, mean):
    engine = int8_engine()
    torch.backends.quantized.engine = engine
    model = torchvision.models.quantization.resnet18(quantize=False)
    model.fc = torch.nn.Identity()
    model.eval()
    model.fuse_model()
    model.qconfig = torch.ao.quantization.get_default_qconfig(engine)
    torch.ao.quantization.prepare(model, inplace=True)
    with torch.inference_mode():
        for start in range(0, min(len(paths), 8 * batch), batch):
            model(torch.stack([load(p) for p in paths[start:start + batch]]).float() - mean)
    return torch.ao.quantization.convert(model, inplace=False)


def network(variant):
    model = torchvision.models.resnet18()
    model.fc = torch.nn.Identity()
    model.eval()
    if variant == "channels_last":
        model = model.to(memory_format=torch.channels_last)
    elif variant == "frozen":
        with torch.no_grad():
            traced = torch.jit.trace(model, torch.zeros(1, 3, SIZE, SIZE))
            model = torch.jit.optimize_for_inference(torch.jit.freeze(traced))
    return model


def batches(paths, batch, workers):
    if workers == 0:
        for start in range(0, len(paths), batch):
            yield torch.stack([load(p) for p in paths[start:start + batch]])
    else:
        loader = torch.utils.data.DataLoader(Files(paths), batch_size=batch, num_workers=workers, prefetch_factor=2,
                                             persistent_workers=False)
        yield from loader


def featurize(model, paths, batch, workers, variant, mean):
    out = np.empty((len(paths), 512), dtype=np.float32)
    row = 0
    with torch.inference_mode():
        for pixels in batches(paths, batch, workers):
            x = pixels.float() - mean
            if variant == "channels_last":
                x = x.contiguous(memory_format=torch.channels_last)
            y = model(x).reshape(x.shape[0], -1)
            out[row:row + y.shape[0]] = y.numpy()
            row += y.shape[0]
    return out


def blas():
    """The BLAS shared libraries this process has mapped (torch links libblas.so.3, which Debian's alternatives resolve)."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower()}
    return sorted(p for p in paths if p.startswith("/"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--variant", choices=["eager", "channels_last", "frozen"], default="eager")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--precision", choices=["float32", "int8"], default="float32")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    paths = sorted(os.path.join(args.folder, f) for f in os.listdir(args.folder)
                   if f.lower().endswith((".png", ".jpg", ".jpeg")))
    if args.limit:
        paths = paths[:args.limit]
    mean = torch.tensor(MEAN_BGR).reshape(3, 1, 1).expand(3, SIZE, SIZE).contiguous()
    model = quantised_network(paths, args.batch, mean) if args.precision == "int8" else network(args.variant)

    # Warm-up on the first batch (oneDNN picks and JITs its kernels on first use); not timed, as on the itm side.
    featurize(model, paths[:args.batch], args.batch, 0, args.variant, mean)
    before = os.times()
    start = time.perf_counter()
    features = featurize(model, paths, args.batch, args.workers, args.variant, mean)
    seconds = time.perf_counter() - start
    after = os.times()   # children: the DataLoader workers, reaped when the loader is exhausted
    cpu = sum(after[:4]) - sum(before[:4])
    assert features.shape == (len(paths), 512) and np.isfinite(features).all()

    rate = len(paths) / seconds
    print(f"peer: {len(paths)} images in {seconds:.2f}s = {rate:.1f} img/s ({1000 * cpu / len(paths):.1f} CPU-ms/img; {args.precision}, {args.variant}, workers {args.workers}, batch {args.batch})",
          file=sys.stderr)
    print(json.dumps({
        "system": "pytorch",
        "images": len(paths), "seconds": seconds, "images_per_second": rate, "cpu_ms_per_image": 1000 * cpu / len(paths),
        "batch": args.batch, "threads": torch.get_num_threads(), "workers": args.workers, "variant": args.variant,
        "precision": args.precision, "int8_engine": int8_engine() if args.precision == "int8" else None,
        "torch": torch.__version__, "torchvision": torchvision.__version__, "mkldnn": torch.backends.mkldnn.is_available(),
        "python": platform.python_version(), "blas_libraries": blas(),
    }))


if __name__ == "__main__":
    main()
