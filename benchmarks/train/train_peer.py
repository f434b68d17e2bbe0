#!/usr/bin/python3
"""PyTorch peer of `Itm.Benchmarks -- train`: the same joint-embedding model, loss, optimiser and batches, timed the same way.

It reads what the itm side wrote to WORK/<text>/ (images.npy: the training images' frozen ResNet18 features;
training-set.json: each caption's feature ids and image, the model and trainer options, and the batches of caption
indices in the order itm's trainer visits them), builds the model itm builds for those options, and runs the same
steps: warm-up steps untimed, then windows of consecutive steps, each window's pairs per second; the figure is the
median window. It prints one JSON object on stdout.

Model (src/Itm.Model): image = LayerNorm(F) -> Linear(F, H) -> ReLU -> Dropout -> Linear(H, D);
bow / n-grams = EmbeddingBag(V, H, sum) weighted 1/sqrt(n) per caption + bias -> ReLU -> Dropout -> Linear(H, D);
sse = Embedding(V, E, padding 0) -> Dropout -> packed BiGRU(E, G) -> last states [fwd, bwd] -> Dropout -> Linear(2G, D);
both sides L2-normalised. Loss (src/Itm.Model/Losses/RankingLoss.cs): InfoNCE at temperature tau over in-batch
negatives (candidates showing the anchor's own image excluded), image->text plus text->image. Adam, gradient norm
clipped, per-epoch learning rate from the cosine schedule. With itm's row-sparse updates (trainer.sparseUpdates) the
bag is a sparse EmbeddingBag trained by SparseAdam, PyTorch's own lazy Adam.
"""
import argparse
import json
import math
import os
import resource
import sys
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F


class FeatureMlpEncoder(nn.Module):
    def __init__(self, feature_dim, hidden_dim, joint_dim, dropout):
        super().__init__()
        self.input_norm = nn.LayerNorm(feature_dim)
        self.hidden = nn.Linear(feature_dim, hidden_dim)
        self.dropout = nn.Dropout(dropout)
        self.output = nn.Linear(hidden_dim, joint_dim)

    def forward(self, images):
        x = self.input_norm(images)
        x = self.dropout(F.relu(self.hidden(x)))
        return self.output(x)


class BagOfFeaturesEncoder(nn.Module):
    def __init__(self, feature_count, hidden_dim, joint_dim, dropout, sparse):
        super().__init__()
        self.bag = nn.EmbeddingBag(feature_count, hidden_dim, mode="sum", sparse=sparse)
        self.bias = nn.Parameter(torch.zeros(hidden_dim))
        self.dropout = nn.Dropout(dropout)
        self.output = nn.Linear(hidden_dim, joint_dim)
        bound = 1.0 / math.sqrt(hidden_dim)
        with torch.no_grad():
            self.bag.weight.uniform_(-bound, bound)

    def forward(self, sentences):
        # The same host-side flattening as itm: ids, offsets and 1/sqrt(n) weights built per batch.
        lengths = [len(s) for s in sentences]
        ids = torch.tensor([i for s in sentences for i in s], dtype=torch.int64)
        offsets = torch.tensor(np.concatenate([[0], np.cumsum(lengths)[:-1]]), dtype=torch.int64)
        weights = torch.tensor([1.0 / math.sqrt(max(1, n)) for n in lengths for _ in range(n)], dtype=torch.float32)
        hidden = self.bag(ids, offsets, per_sample_weights=weights) + self.bias
        return self.output(self.dropout(F.relu(hidden)))


class SequenceEncoder(nn.Module):
    def __init__(self, vocabulary_size, word_dim, hidden_dim, joint_dim, dropout):
        super().__init__()
        self.hidden_dim = hidden_dim
        self.embedding = nn.Embedding(vocabulary_size, word_dim, padding_idx=0)
        self.gru = nn.GRU(word_dim, hidden_dim, num_layers=1, batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(dropout)
        self.output = nn.Linear(2 * hidden_dim, joint_dim)

    def forward(self, sentences):
        batch = len(sentences)
        max_length = max(1, max(len(s) for s in sentences))
        padded = np.zeros((batch, max_length), dtype=np.int64)
        lengths = np.empty(batch, dtype=np.int64)
        for i, s in enumerate(sentences):
            lengths[i] = max(1, len(s))
            padded[i, :len(s)] = s
        words = self.dropout(self.embedding(torch.from_numpy(padded)))
        packed = nn.utils.rnn.pack_padded_sequence(words, torch.from_numpy(lengths), batch_first=True, enforce_sorted=False)
        _, last = self.gru(packed)
        both = last.permute(1, 0, 2).reshape(batch, 2 * self.hidden_dim)
        return self.output(self.dropout(both))


class JointEmbeddingModel(nn.Module):
    def __init__(self, image, text):
        super().__init__()
        self.image = image
        self.text = text

    def encode_images(self, images):
        return F.normalize(self.image(images), p=2, dim=1)

    def encode_texts(self, sentences):
        return F.normalize(self.text(sentences), p=2, dim=1)


def infonce_term(scores, positive, anchor_ids, candidate_ids, temperature):
    valid = anchor_ids.unsqueeze(1).ne(candidate_ids.unsqueeze(0))
    p = positive.unsqueeze(1)
    logits = torch.cat([p, scores.masked_fill(valid.logical_not(), float("-inf"))], 1)
    return (logits.div(temperature).logsumexp(1) - positive.div(temperature)).mean()


def ranking_loss(images, texts, image_ids, temperature):
    positive = (images * texts).sum(1)
    total = torch.zeros([], dtype=images.dtype)
    total = total + infonce_term(images.matmul(texts.t()), positive, image_ids, image_ids, temperature)
    total = total + infonce_term(texts.matmul(images.t()), positive, image_ids, image_ids, temperature)
    return total


def build_model(spec, sparse):
    model, text = spec["model"], spec["model"]["text"]
    image = model["image"]
    image_encoder = FeatureMlpEncoder(spec["imageFeatureDim"], image["hiddenDim"], model["dim"], image["dropout"])
    if text["model"] == "bow" or text["model"].startswith("ngram-"):
        text_encoder = BagOfFeaturesEncoder(spec["featureCount"], text["hiddenDim"], model["dim"], text["dropout"], sparse)
    elif text["model"] == "sse":
        text_encoder = SequenceEncoder(spec["featureCount"], text["wordDim"], text["gruDim"], model["dim"], text["dropout"])
    else:
        raise SystemExit(f"unsupported text model {text['model']}")
    return JointEmbeddingModel(image_encoder, text_encoder)


def clip_gradients(parameters, max_norm):
    """clip_grad_norm_, also over sparse gradients (a sparse gradient is coalesced first: its norm is its values')."""
    with_grad = [p for p in parameters if p.grad is not None]
    for p in with_grad:
        if p.grad.is_sparse:
            p.grad = p.grad.coalesce()
    total = torch.stack([(p.grad._values() if p.grad.is_sparse else p.grad).norm() for p in with_grad]).norm()
    factor = max_norm / (total + 1e-6)
    if factor < 1:
        for p in with_grad:
            p.grad.mul_(factor)
    return total


def learning_rate_at(trainer, epoch):
    base = trainer["learningRate"]
    if trainer["schedule"] == "constant":
        return base
    return base * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * (epoch - 1) / max(1, trainer["epochs"] - 1))))


def blas_in_use():
    """The BLAS library this process actually loaded (Debian's torch links libblas.so.3, chosen by update-alternatives)."""
    torch.ones(64, 64).matmul(torch.ones(64, 64))
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
    return ", ".join(sorted(os.path.realpath(p) for p in paths)) or "none loaded"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", required=True)
    parser.add_argument("--work", default="benchmarks/work/train")
    args = parser.parse_args()

    folder = os.path.join(args.work, args.text)
    with open(os.path.join(folder, "training-set.json")) as f:
        spec = json.load(f)
    features = torch.from_numpy(np.load(os.path.join(folder, "images.npy")))
    trainer = spec["trainer"]
    loss_spec, negatives = trainer["loss"], trainer["negatives"]
    if loss_spec["kind"] != "info-nce" or negatives["kind"] != "in-batch" or negatives["direction"] != "both" or trainer["weightDecay"] != 0:
        raise SystemExit("the peer implements itm's default objective only: info-nce, in-batch negatives, both directions, no weight decay")

    torch.set_num_threads(spec["threads"])
    torch.manual_seed(trainer["seed"])
    # itm's row-sparse bag step (trainer.sparseUpdates) against PyTorch's own: a sparse EmbeddingBag gradient and
    # SparseAdam (lazy Adam on the rows a step uses) for the table, Adam for the rest.
    text_model = spec["model"]["text"]["model"]
    sparse = bool(trainer.get("sparseUpdates", False)) and (text_model == "bow" or text_model.startswith("ngram-"))
    model = build_model(spec, sparse)
    if sparse:
        table = model.text.bag.weight
        optimizers = [torch.optim.SparseAdam([table], lr=trainer["learningRate"]),
                      torch.optim.Adam([p for p in model.parameters() if p is not table], lr=trainer["learningRate"])]
    else:
        optimizers = [torch.optim.Adam(model.parameters(), lr=trainer["learningRate"])]
    sentences = spec["sentences"]
    sentence_image = spec["sentenceImage"]
    batches = spec["batches"]
    steps_per_epoch = math.ceil(len(sentences) / trainer["batchSize"])
    warmup, window_steps, windows = spec["warmupSteps"], spec["windowSteps"], spec["windows"]
    temperature = loss_spec["temperature"]

    model.train()
    step_ends, cpu_ends, losses = [], [], []
    start, cpu_start = time.perf_counter(), time.process_time()
    for step, batch in enumerate(batches):
        if step % steps_per_epoch == 0:
            epoch = step // steps_per_epoch + 1
            for optimizer in optimizers:
                for group in optimizer.param_groups:
                    group["lr"] = learning_rate_at(trainer, epoch)
        image_ids = torch.tensor([sentence_image[s] for s in batch], dtype=torch.int64)
        images = model.encode_images(features.index_select(0, image_ids))
        texts = model.encode_texts([sentences[s] for s in batch])
        loss = ranking_loss(images, texts, image_ids, temperature)
        for optimizer in optimizers:
            optimizer.zero_grad()
        loss.backward()
        clip_gradients(model.parameters(), trainer["gradientClip"])
        for optimizer in optimizers:
            optimizer.step()
        losses.append(loss.item())
        step_ends.append(time.perf_counter())
        cpu_ends.append(time.process_time())

    rates, seconds, cpu_per_step = [], [], []
    for w in range(windows):
        first = warmup + w * window_steps
        last = first + window_steps - 1
        begin = start if first == 0 else step_ends[first - 1]
        cpu_begin = cpu_start if first == 0 else cpu_ends[first - 1]
        pairs = sum(len(b) for b in batches[first:last + 1])
        seconds.append(step_ends[last] - begin)
        rates.append(pairs / seconds[-1])
        cpu_per_step.append((cpu_ends[last] - cpu_begin) / window_steps)
    median = float(np.median(rates))
    print(f"train {args.text}: pytorch {', '.join(f'{r:.0f}' for r in rates)} pairs/s per window; median {median:.0f} pairs/s", file=sys.stderr)
    print(json.dumps({
        "side": "pytorch",
        "text": args.text,
        "pairsPerSecond": median,
        "windowPairsPerSecond": rates,
        "windowSeconds": seconds,
        "cpuSecondsPerStep": float(np.median(cpu_per_step)),
        "firstLoss": losses[0],
        "lastWindowMeanLoss": float(np.mean(losses[-window_steps:])),
        "threads": torch.get_num_threads(),
        "batchSize": trainer["batchSize"],
        "runtime": f"PyTorch {torch.__version__}",
        "blas": blas_in_use(),
        "maxRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main()
