"""The built-in readers; importing this module registers them (recover.readers.base.register).
A new reader is imported here once (docs/readers.md)."""
from recover.readers.extracted import ExtractedTextReader
from recover.readers.ocr import OcrReader
from recover.readers.textlayer.reader import TextLayerReader

__all__ = ["ExtractedTextReader", "OcrReader", "TextLayerReader"]
