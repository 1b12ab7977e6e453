namespace FeeBridge.Rollout.WorkingGroups;

/// <summary>
/// What a working group's quotas count (CONTRACTS.md §7): the municipality's <c>region</c>, its <c>size</c>
/// (<c>large</c> at or above the median population of the 98, else <c>small</c>) and the applicant's <c>libraryType</c>.
/// </summary>
public enum SelectionFeature
{
    /// <summary><c>region</c>: one of the five regions as <c>data/municipalities.tsv</c> names them.</summary>
    Region,
    /// <summary><c>size</c>: <c>large</c> or <c>small</c>.</summary>
    Size,
    /// <summary><c>libraryType</c>: <c>folkebibliotek</c> or <c>skolebibliotek</c>.</summary>
    LibraryType,
}

/// <summary>The library an applicant speaks for (DOMAIN.md §8: public and school (PLC) libraries).</summary>
public enum LibraryType
{
    /// <summary><c>folkebibliotek</c>: the public library.</summary>
    Folkebibliotek,
    /// <summary><c>skolebibliotek</c>: the school library (pædagogisk læringscenter).</summary>
    Skolebibliotek,
}

/// <summary>The wire names and Danish words of the features and their fixed values.</summary>
public static class SelectionFeatures
{
    /// <summary>All three, in the order screens show them.</summary>
    public static IReadOnlyList<SelectionFeature> All { get; } = [SelectionFeature.Region, SelectionFeature.Size, SelectionFeature.LibraryType];

    /// <summary>The wire name: <c>region</c>, <c>size</c>, <c>libraryType</c>.</summary>
    public static string WireName(SelectionFeature feature) => feature switch
    {
        SelectionFeature.Region => "region",
        SelectionFeature.Size => "size",
        _ => "libraryType",
    };

    /// <summary>The feature with this wire name (exact), or null.</summary>
    public static SelectionFeature? Find(string? name) => All.Cast<SelectionFeature?>().FirstOrDefault(f => string.Equals(WireName(f!.Value), name, StringComparison.Ordinal));

    /// <summary>The Danish word for the feature, for reasons and screens.</summary>
    public static string Danish(SelectionFeature feature) => feature switch
    {
        SelectionFeature.Region => "region",
        SelectionFeature.Size => "kommunestørrelse",
        _ => "bibliotekstype",
    };

    /// <summary>The wire value of a library type.</summary>
    public static string WireName(LibraryType type) => type == LibraryType.Folkebibliotek ? "folkebibliotek" : "skolebibliotek";

    /// <summary>The library type with this wire value (exact), or null.</summary>
    public static LibraryType? FindLibraryType(string? value) => value switch
    {
        "folkebibliotek" => LibraryType.Folkebibliotek,
        "skolebibliotek" => LibraryType.Skolebibliotek,
        _ => null,
    };

    /// <summary>The values a feature can take: the register's regions, <c>large</c>/<c>small</c>, the two library types.</summary>
    public static IReadOnlyList<string> Values(SelectionFeature feature, Municipalities.MunicipalityRegister register) => feature switch
    {
        SelectionFeature.Region => register.Regions,
        SelectionFeature.Size => ["large", "small"],
        _ => ["folkebibliotek", "skolebibliotek"],
    };

    /// <summary>A value in Danish for people: a region as it is, <c>large</c> as "store kommuner", and so on.</summary>
    public static string DanishValue(SelectionFeature feature, string value) => (feature, value) switch
    {
        (SelectionFeature.Size, "large") => "store kommuner",
        (SelectionFeature.Size, "small") => "mindre kommuner",
        (SelectionFeature.LibraryType, "folkebibliotek") => "folkebiblioteker",
        (SelectionFeature.LibraryType, "skolebibliotek") => "skolebiblioteker",
        _ => value,
    };
}
