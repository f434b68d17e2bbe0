"""Builds the featurisation benchmark's input folders from the prepared PNG datasets.

  png/   the first N readable PNGs (Tux Paint stamps, then synthetic scenes), copied as they are;
  jpeg/  the same pictures as photo-like JPEGs: composited on white, upscaled so the longer side is 800 px
         (about 800x600 for most), quality 90, 4:2:0 chroma, the common shape of a camera or web photo.

The file list is sorted and fixed by N, so every machine builds the same set from the same data.
Usage: make_inputs.py OUT_DIR N SOURCE_DIR [SOURCE_DIR ...]
"""
import os
import shutil
import sys

from PIL import Image

LONG_SIDE = 800
QUALITY = 90


def sources(roots):
    for root in roots:
        found = []
        for folder, _, files in os.walk(root):
            found.extend(os.path.join(folder, f) for f in files if f.lower().endswith(".png"))
        yield from sorted(found)


def main():
    out, count, roots = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    png_dir, jpeg_dir = os.path.join(out, "png"), os.path.join(out, "jpeg")
    for d in (png_dir, jpeg_dir):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    made = 0
    for path in sources(roots):
        if made == count:
            break
        try:
            with Image.open(path) as image:
                image.load()
                rgba = image.convert("RGBA")
        except OSError:
            continue
        name = f"{made:05d}"
        shutil.copyfile(path, os.path.join(png_dir, name + ".png"))
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        rgb = Image.alpha_composite(white, rgba).convert("RGB")
        scale = LONG_SIDE / max(rgb.size)
        size = (max(1, round(rgb.width * scale)), max(1, round(rgb.height * scale)))
        # Photo-like: stamps are square-ish, so stretch to 4:3 the way a camera frame is, keeping the content.
        if abs(size[0] - size[1]) < LONG_SIDE // 8:
            size = (LONG_SIDE, LONG_SIDE * 3 // 4)
        rgb.resize(size, Image.BICUBIC).save(os.path.join(jpeg_dir, name + ".jpg"), quality=QUALITY, subsampling=2)
        made += 1
    if made < count:
        sys.exit(f"only {made} readable PNGs under {roots}; asked for {count}")
    print(f"{made} PNGs in {png_dir}, {made} JPEGs ({LONG_SIDE}px long side, quality {QUALITY}) in {jpeg_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
