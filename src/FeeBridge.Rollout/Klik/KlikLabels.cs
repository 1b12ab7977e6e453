namespace FeeBridge.Rollout.Klik;

/// <summary>The fields of a KLIK master task document (DOMAIN.md §8), in the order KLIK prints them.</summary>
internal enum KlikField
{
    MasterTaskId,
    Title,
    Project,
    Phase,
    Theme,
    Priority,
    Infrastructure,
    Waves,
    Goal,
    Description,
    Method,
    Result,
    RecommendedPerformer,
    InvolvedParties,
}

/// <summary>The label table: each field's label as KLIK writes it, and the JSON name (CONTRACTS.md §6) warnings use.</summary>
internal static class KlikLabels
{
    public sealed record Label(KlikField Field, string Text, string JsonName)
    {
        /// <summary>The label's words: a PDF may wrap a label over several lines, a word or more on each.</summary>
        public string[] Words { get; } = Text.Split(' ');
    }

    public static IReadOnlyList<Label> All { get; } =
    [
        new(KlikField.MasterTaskId, "Master-opgave ID", "masterTaskId"),
        new(KlikField.Title, "Opgavetitel", "title"),
        new(KlikField.Project, "Projekt", "project"),
        new(KlikField.Phase, "Fase", "phase"),
        new(KlikField.Theme, "Tema", "theme"),
        new(KlikField.Priority, "Prioritet", "priority"),
        new(KlikField.Infrastructure, "Er det en STS/Infrastruktur opgave?", "infrastructure"),
        new(KlikField.Waves, "Bølger", "waves"),
        new(KlikField.Goal, "Mål", "goal"),
        new(KlikField.Description, "Beskrivelse", "description"),
        new(KlikField.Method, "Metode og fremgangsmåde", "method"),
        new(KlikField.Result, "Resultat", "result"),
        new(KlikField.RecommendedPerformer, "Anbefalet udfører", "recommendedPerformer"),
        new(KlikField.InvolvedParties, "Involverede parter", "involvedParties"),
    ];

    public static Label Of(KlikField field) => All[(int)field];

    /// <summary>KLIK's standard last method step (DOMAIN.md §8): vocabulary for repairing it in OCR text.</summary>
    public const string LastStep = "Markér opgaven som fuldført.";

    /// <summary>The label a whole cell holds (the tab and HTML exports: one label per cell), read OCR-tolerantly.</summary>
    public static (Label Label, bool Misread)? Whole(string cell)
    {
        var text = Projects.Wording.Collapse(cell);
        foreach (var label in All)
        {
            var likeness = OcrConfusions.Compare(label.Text, text);
            if (likeness != Likeness.Different) return (label, likeness == Likeness.Misread);
        }
        return null;
    }
}
