namespace FeeBridge.Rollout.Organisation;

/// <summary>
/// The seven competences task 23 "Etabler organisering" asks a municipality to consider bringing in
/// (<c>sources/003</c>, DOMAIN.md §8), in the task's order.
/// </summary>
public enum CompetenceId
{
    /// <summary>Collection and recovery of claims, in the libraries and the municipality at large.</summary>
    InddrivelseOgOpkraevning,
    /// <summary>Setting up the debtor system's rules.</summary>
    DebitorsystemetsRegler,
    /// <summary>Today's payment options in the libraries and the third-party solutions (website, app, self-service machines).</summary>
    NuvaerendeBetalingsmuligheder,
    /// <summary>The municipality's payment options for other claims in the debtor system (parking fines, day care).</summary>
    KommunensBetalingsmuligheder,
    /// <summary>The planned recovery effort for library claims (PSRM).</summary>
    Inddrivelsesindsats,
    /// <summary>Communication.</summary>
    Kommunikation,
    /// <summary>System administration of FBS, the debtor system and Serviceplatformen.</summary>
    Systemadministration,
}

/// <summary>A competence's id on the wire and its Danish title (task 23's own wording, shortened).</summary>
public sealed record CompetenceDefinition(CompetenceId Competence, string Id, string Title);

/// <summary>The seven competences in task 23's order.</summary>
public static class Competences
{
    /// <summary>All competences, in task 23's order.</summary>
    public static IReadOnlyList<CompetenceDefinition> All { get; } =
    [
        new(CompetenceId.InddrivelseOgOpkraevning, "inddrivelse-og-opkraevning",
            "Inddrivelse og opkrævning på biblioteksområdet og generelt i kommunen"),
        new(CompetenceId.DebitorsystemetsRegler, "debitorsystemets-regler",
            "Opsætning af debitorsystemets regler"),
        new(CompetenceId.NuvaerendeBetalingsmuligheder, "nuvaerende-betalingsmuligheder",
            "Nuværende betalingsmuligheder på bibliotekerne og opsætningen af 3. parts løsninger (bibliotekets hjemmeside, Biblioteks-appen, selvbetjeningsautomater)"),
        new(CompetenceId.KommunensBetalingsmuligheder, "kommunens-betalingsmuligheder",
            "Betalingsmuligheder generelt i kommunen for krav i debitorsystemet, fx p-bøder og daginstitutionsbetaling"),
        new(CompetenceId.Inddrivelsesindsats, "inddrivelsesindsats-psrm",
            "Den planlagte inddrivelsesindsats på biblioteksområdet (PSRM)"),
        new(CompetenceId.Kommunikation, "kommunikation",
            "Kommunikation"),
        new(CompetenceId.Systemadministration, "systemadministration",
            "Systemadministration i FBS, debitorsystemet og Serviceplatformen"),
    ];

    /// <summary>The definition of <paramref name="competence"/>.</summary>
    public static CompetenceDefinition Of(CompetenceId competence) => All[(int)competence];

    /// <summary>The competence with this wire id (exact), or null.</summary>
    public static CompetenceDefinition? Find(string? id) => All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));
}
