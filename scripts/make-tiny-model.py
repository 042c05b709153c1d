#!/usr/bin/env python3
"""Builds the tiny random-weight BERT test fixture at test/fixtures/models/tiny-random-bert/.

It has the architecture family of multilingual-e5-small (BertModel, mean-pooled last_hidden_state) and a real
WordPiece tokenizer whose vocabulary covers every character of seeds/*.txt, so tests exercise the real
transformers.js loading, tokenizing, pooling and HNSW path on this machine, where no real model can be downloaded.
Its weights are random: similarities it produces mean nothing and must never be reported as retrieval quality.

Run from the repository root (needs torch, transformers, tokenizers, onnx, onnxruntime; pip install them):
    python3 scripts/make-tiny-model.py
Reproducible: fixed seed, vocabulary sorted, so re-running rewrites byte-identical files.
"""

import glob
import json
import os
import string

import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from tokenizers import Tokenizer, decoders, normalizers, pre_tokenizers, processors
from tokenizers.models import WordPiece
from transformers import BertConfig, BertModel

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "models", "tiny-random-bert")
SEED = 20240611
# Same order and ids as bert-base vocabularies put first; [UNK] at 1 keeps the id range compact.
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
MAX_POSITIONS = 512
# Small enough for a fixture of well under 1 MB, large enough to behave like a transformer (attention, FFN, 2 layers).
HIDDEN, LAYERS, HEADS, INTERMEDIATE = 32, 2, 2, 64


def bert_normalizer_and_pretokenizer():
    normalizer = normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True)
    return normalizer, pre_tokenizers.BertPreTokenizer()


def build_vocab():
    """Every seed character as a word-initial piece, plus ASCII letters and digits as continuations (##x)."""
    normalizer, pre_tokenizer = bert_normalizer_and_pretokenizer()
    pieces = set(string.ascii_lowercase + string.digits + string.punctuation)
    pieces |= {"##" + ch for ch in string.ascii_lowercase + string.digits}
    for path in sorted(glob.glob(os.path.join(ROOT, "seeds", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            text = normalizer.normalize_str(f.read())
        for word, _ in pre_tokenizer.pre_tokenize_str(text):
            pieces.add(word[0])
            pieces |= {"##" + ch for ch in word[1:]}
    return SPECIALS + sorted(pieces - set(SPECIALS))


def build_tokenizer(vocab):
    normalizer, pre_tokenizer = bert_normalizer_and_pretokenizer()
    tok = Tokenizer(WordPiece({piece: i for i, piece in enumerate(vocab)}, unk_token="[UNK]", max_input_chars_per_word=100))
    tok.normalizer = normalizer
    tok.pre_tokenizer = pre_tokenizer
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", vocab.index("[CLS]")), ("[SEP]", vocab.index("[SEP]"))],
    )
    tok.decoder = decoders.WordPiece(prefix="##")
    tok.add_special_tokens(SPECIALS)
    return tok


def tokenizer_config():
    return {
        "tokenizer_class": "BertTokenizer",
        "do_lower_case": True,
        "tokenize_chinese_chars": True,
        "strip_accents": None,
        "model_max_length": MAX_POSITIONS,
        "pad_token": "[PAD]",
        "unk_token": "[UNK]",
        "cls_token": "[CLS]",
        "sep_token": "[SEP]",
        "mask_token": "[MASK]",
    }


class LastHiddenState(torch.nn.Module):
    """Keyword call with a single tensor output: the exported graph gets exactly the names transformers.js feeds."""

    def __init__(self, bert):
        super().__init__()
        self.bert = bert

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state


def export_onnx(model, path):
    ids = torch.tensor([[2, 10, 11, 3], [2, 12, 3, 0]])
    mask = (ids != 0).long()
    dynamic = {0: "batch", 1: "sequence"}
    torch.onnx.export(
        LastHiddenState(model),
        (ids, mask, torch.zeros_like(ids)),
        path,
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state"],
        dynamic_axes={"input_ids": dynamic, "attention_mask": dynamic, "token_type_ids": dynamic, "last_hidden_state": dynamic},
        opset_version=14,
        dynamo=False,
    )


def main():
    torch.manual_seed(SEED)
    vocab = build_vocab()
    os.makedirs(os.path.join(OUT, "onnx"), exist_ok=True)

    build_tokenizer(vocab).save(os.path.join(OUT, "tokenizer.json"))
    with open(os.path.join(OUT, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer_config(), f, indent=2)
        f.write("\n")

    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=HIDDEN,
        num_hidden_layers=LAYERS,
        num_attention_heads=HEADS,
        intermediate_size=INTERMEDIATE,
        max_position_embeddings=MAX_POSITIONS,
        type_vocab_size=2,
        pad_token_id=0,
    )
    model = BertModel(config, add_pooling_layer=False).eval()
    config.architectures = ["BertModel"]
    with open(os.path.join(OUT, "config.json"), "w", encoding="utf-8") as f:
        json.dump({k: v for k, v in config.to_diff_dict().items() if k != "transformers_version"}, f, indent=2, sort_keys=True)
        f.write("\n")

    fp32 = os.path.join(OUT, "onnx", "model.onnx")
    with torch.no_grad():
        export_onnx(model, fp32)
    # transformers.js dtype 'q8' loads model_quantized.onnx: the same dynamic uint8 quantization the Xenova exports use.
    quantize_dynamic(fp32, os.path.join(OUT, "onnx", "model_quantized.onnx"), weight_type=QuantType.QUInt8)

    total = sum(os.path.getsize(p) for p in glob.glob(os.path.join(OUT, "**", "*"), recursive=True) if os.path.isfile(p))
    print(f"wrote {OUT}: vocab {len(vocab)}, {total / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
