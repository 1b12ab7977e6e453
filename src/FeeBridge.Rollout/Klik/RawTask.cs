namespace FeeBridge.Rollout.Klik;

/// <summary>
/// One line of a field's value as a rendering gave it. <see cref="BreakBefore"/>: the rendering shows a paragraph
/// break before it (a blank line, a space line, a new <c>&lt;p&gt;</c>); the field assembler decides what it means.
/// </summary>
internal readonly record struct FlowLine(string Text, bool BreakBefore);

/// <summary>A field's label and the lines of its value, in document order.</summary>
internal sealed record RawField(KlikField Field, IReadOnlyList<FlowLine> Lines);

/// <summary>
/// What a tokenizer found in a document before any field is interpreted: the heading above the first label, each
/// labelled field, and whether some label could be read only through OCR's misreadings (then the free texts were too).
/// </summary>
internal sealed record RawTask(string? Heading, IReadOnlyList<RawField> Fields, bool ReadByOcr);
