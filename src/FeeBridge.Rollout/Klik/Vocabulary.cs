using FeeBridge.Rollout.Projects;

namespace FeeBridge.Rollout.Klik;

/// <summary>
/// The words a field may hold (a project's phases, its roles, earlier tasks' titles…): each wording a document may
/// use, and the entry it stands for. Reading a text against it repairs OCR damage only where that is certain.
/// </summary>
internal sealed class Vocabulary<T>(IEnumerable<(string Wording, T Entry)> wordings)
{
    private readonly IReadOnlyList<(string Wording, T Entry)> _wordings = [.. wordings.Select(w => (Wording.Collapse(w.Wording), w.Entry))];

    /// <summary>
    /// The entry <paramref name="read"/> names: written as a wording (case and spacing aside) → <see cref="Reading{T}.Known"/>;
    /// a wording of exactly one entry read through OCR's misreadings → <see cref="Reading{T}.Repaired"/>; otherwise none.
    /// </summary>
    public Reading<T> Read(string read)
    {
        var text = Wording.Collapse(read);
        foreach (var (wording, entry) in _wordings)
            if (OcrConfusions.Compare(wording, text) == Likeness.Same) return new(ReadingKind.Known, entry, []);
        var misread = _wordings.Where(w => OcrConfusions.Compare(w.Wording, text) == Likeness.Misread).ToList();
        var entries = misread.Select(w => w.Entry).Distinct().ToList();
        return entries.Count switch
        {
            1 => new(ReadingKind.Repaired, entries[0], []),
            0 => new(ReadingKind.Unknown, default, []),
            _ => new(ReadingKind.Ambiguous, default, [.. misread.Select(w => w.Wording).Distinct(StringComparer.Ordinal)]),
        };
    }
}

/// <summary>What a text was read as: the entry (when known or repaired) or, when ambiguous, the wordings it could be.</summary>
internal sealed record Reading<T>(ReadingKind Kind, T? Entry, IReadOnlyList<string> Candidates);

internal enum ReadingKind
{
    Known,
    Repaired,
    Ambiguous,
    Unknown,
}
