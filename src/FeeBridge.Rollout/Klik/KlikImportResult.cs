namespace FeeBridge.Rollout.Klik;

/// <summary>What <see cref="KlikImporter.Parse"/> made of a document: a <see cref="Parsed"/> draft or a <see cref="Refused"/> document.</summary>
public abstract record KlikImportResult
{
    private KlikImportResult() { }

    /// <summary>The document was a KLIK task; the draft's warnings name what the importer was unsure of.</summary>
    public sealed record Parsed(MasterTaskDraft Draft) : KlikImportResult;

    /// <summary>The document was not read as a task; <see cref="Message"/> says why, in Danish, for the person importing.</summary>
    public sealed record Refused(KlikRefusalReason Reason, string Message) : KlikImportResult;
}

/// <summary>Why a document was refused (CONTRACTS.md §6: a document that is not a KLIK task → 422 saying why).</summary>
public enum KlikRefusalReason
{
    /// <summary>Nothing but white space.</summary>
    Empty,
    /// <summary>Over the size, page or line limits.</summary>
    TooLarge,
    /// <summary>A media type the importer does not read.</summary>
    UnsupportedMediaType,
    /// <summary>A PDF that does not parse, or holds no text.</summary>
    UnreadablePdf,
    /// <summary>Readable, but not a KLIK master task (too few of its fields).</summary>
    NotAKlikTask,
    /// <summary>A KLIK task of another project than the one imported into.</summary>
    OtherProject,
}
