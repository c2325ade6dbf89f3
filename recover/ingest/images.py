"""Image inputs decoded once at ingest, every frame, so a damaged or truncated file is one line
naming it instead of an exception in the middle of OCR. Decoding a page image costs a few tens of
milliseconds, next to about a second of OCR for it."""
from __future__ import annotations

import contextlib
import os
import tempfile
import warnings


def check(path: str) -> None:
    """Raises ValueError with the decoder's reason when any frame of the image cannot be decoded."""
    from PIL import Image, ImageSequence
    with c_stderr() as said, warnings.catch_warnings():
        warnings.simplefilter("ignore")          # Pillow's "Corrupt EXIF data" and the like
        try:
            with Image.open(path) as im:
                for n, frame in enumerate(ImageSequence.Iterator(im), start=1):
                    try:
                        frame.load()
                    except (OSError, SyntaxError, ValueError, EOFError) as e:
                        where = f"frame {n}: " if n > 1 else ""
                        raise ValueError(f"{where}{e}") from None
        except Image.DecompressionBombError as e:
            raise ValueError(f"too large to decode safely ({e})") from None
        except (OSError, SyntaxError, EOFError) as e:     # UnidentifiedImageError is an OSError
            raise ValueError(str(e).replace(f" '{path}'", "")) from None
        except ValueError as e:
            raise ValueError(_with(str(e), said())) from None


def _with(reason: str, c_said: str) -> str:
    c_said = " ".join(c_said.split())
    return f"{reason}; {c_said}" if c_said else reason


@contextlib.contextmanager
def c_stderr():
    """Collect what C decoders (libtiff, libjpeg) write straight to file descriptor 2, so it can go
    into the one-line reason instead of onto the terminal."""
    try:
        saved = os.dup(2)
    except OSError:                   # no stderr at all: nothing to collect
        yield lambda: ""
        return
    with tempfile.TemporaryFile() as tmp:
        os.dup2(tmp.fileno(), 2)
        try:
            yield lambda: _read(tmp)
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _read(tmp) -> str:
    tmp.flush()
    tmp.seek(0)
    return tmp.read(2000).decode("utf-8", errors="replace")
