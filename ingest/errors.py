"""Named ingest errors. Each message names the file, what was wrong and what to do."""

from __future__ import annotations


class IngestError(Exception):
    """Base class: a document could not be ingested; the knowledge base is unchanged."""

    def __init__(self, source: str, problem: str, fix: str):
        self.source = source
        self.problem = problem
        self.fix = fix
        super().__init__(f"{source}: {problem}; {fix}.")

    def at(self, source: str) -> "IngestError":
        """The same error, naming the file as the user gave it."""
        self.source = source
        self.args = (f"{source}: {self.problem}; {self.fix}.",)
        return self


class UnsupportedFormat(IngestError):
    def __init__(self, source: str, detail: str = ""):
        super().__init__(
            source,
            f"this is not a supported document format{detail}",
            "save it as .txt, .html, .pdf, .docx, .doc, .wps, .odt, .rtf or .ofd and add it again",
        )


class EmptyDocument(IngestError):
    def __init__(self, source: str, detail: str = "the file has no text"):
        super().__init__(source, detail, "check that you picked the right file")


class BadEncoding(IngestError):
    def __init__(self, source: str):
        super().__init__(
            source,
            "the text is not readable as UTF-8 or GB18030",
            "re-save it as UTF-8 and add it again",
        )


class BinaryFile(IngestError):
    def __init__(self, source: str):
        super().__init__(
            source,
            "the file holds binary data, not text",
            "export the document as .txt, .html, .pdf or .docx and add it again",
        )


class NoTextLayer(IngestError):
    def __init__(self, source: str):
        super().__init__(
            source,
            "the PDF has no text layer (it is a scan)",
            "run OCR on it first (for example with ocrmypdf) and add the result",
        )


class EncryptedDocument(IngestError):
    def __init__(self, source: str):
        super().__init__(
            source, "the file is encrypted", "remove the password protection and add it again"
        )


class TooLarge(IngestError):
    def __init__(self, source: str, size: int, limit: int):
        super().__init__(
            source,
            f"the file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit",
            "split it into smaller documents or raise POLICYKB_MAX_BYTES",
        )


class NoClauses(IngestError):
    def __init__(self, source: str):
        super().__init__(
            source,
            "no policy text was found in it (no title, paragraphs or numbered clauses)",
            "check that it is a policy document and not a navigation or error page",
        )


class BadLayout(IngestError):
    """Text that cannot be a policy document's layout (no line breaks, absurd nesting)."""

    def __init__(self, source: str, detail: str):
        super().__init__(source, detail,
                         "save it with line breaks between paragraphs (or as plain text) and add it again")


class ToolMissing(UnsupportedFormat):
    """The format is read through an outside program (LibreOffice, antiword) or package
    (ofdkit) that this machine lacks."""

    def __init__(self, source: str, what: str, needs: str, fix: str):
        IngestError.__init__(self, source, f"reading {what} needs {needs}, which is not installed",
                             fix)


class ConversionFailed(UnsupportedFormat):
    """A converter ran but gave no usable document (damaged, password-protected, timed out)."""

    def __init__(self, source: str, what: str, detail: str, fix: str):
        IngestError.__init__(self, source, f"{what} could not be converted ({detail})", fix)


class OcrFailed(NoTextLayer):
    """A scan was OCR'd but no text came out (blank pages, a photo, too low a resolution)."""

    def __init__(self, source: str, detail: str = "OCR found no text in it",
                 fix: str = "scan it again at 300 dpi or more, or run OCR on it yourself "
                            "and add the result"):
        IngestError.__init__(self, source, f"the PDF has no text layer (it is a scan) and {detail}",
                             fix)
