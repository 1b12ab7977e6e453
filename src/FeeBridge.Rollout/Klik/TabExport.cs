namespace FeeBridge.Rollout.Klik;

/// <summary>
/// The tokenizer for KLIK's tab export (sources/003): "label&lt;TAB&gt;value" lines; a value goes on over the lines
/// that follow until the next label line, and is HTML (<c>&lt;p&gt;</c>, <c>&lt;ol&gt;</c>, entities) read by
/// <see cref="HtmlText"/>.
/// </summary>
internal static class TabExport
{
    /// <summary>Whether the text is a tab export: some lines begin with a label and a tab.</summary>
    public static bool Is(IReadOnlyList<string> lines) => lines.Count(l => LabelBeforeTab(l) is not null) >= 3;

    public static RawTask Tokenize(IReadOnlyList<string> lines)
    {
        var cells = new List<(KlikField Field, List<string> Lines)>();
        var (heading, ocr) = ((string?)null, false);
        foreach (var line in lines)
        {
            if (LabelBeforeTab(line) is { } label && cells.All(c => c.Field != label.Label.Field))
            {
                ocr |= label.Misread;
                cells.Add((label.Label.Field, [line[(line.IndexOf('\t', StringComparison.Ordinal) + 1)..]]));
            }
            else if (cells.Count > 0) cells[^1].Lines.Add(line);
            else if (!string.IsNullOrWhiteSpace(line)) heading ??= line.Trim();
        }
        return new RawTask(heading, [.. cells.Select(c => new RawField(c.Field, HtmlText.FragmentLines(string.Join('\n', c.Lines))))], ocr);
    }

    private static (KlikLabels.Label Label, bool Misread)? LabelBeforeTab(string line)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        return tab > 0 && tab <= 60 ? KlikLabels.Whole(line[..tab]) : null;
    }
}
