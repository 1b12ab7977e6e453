namespace FeeBridge.Rollout.WorkingGroups;

/// <summary>
/// The FBS 2.0 implementation working group of KOMBIT's webinar (DOMAIN.md §8; CONTRACTS.md §7 names it
/// <c>fbs2-implementeringsarbejdsgruppe</c>): <c>implementering</c> for project leaders, 5-6 seats; <c>uddannelse</c>
/// for superusers or system administrators, 6-8 seats. The webinar asks for "larger and smaller municipalities, all
/// parts of the country, public and school (PLC) libraries" without numbers; the quotas here are FeeBridge's reading
/// of that: every region at least one seat and none more than a third, large and small at least a third each, and
/// at least one school library.
/// </summary>
public static class Fbs2WorkingGroup
{
    /// <summary>The group's id.</summary>
    public const string Id = "fbs2-implementeringsarbejdsgruppe";

    /// <summary>The webinar's deadline: sign-up through 3 March 2025.</summary>
    public const string WebinarDeadline = "2025-03-03";

    private static readonly string[] Regions = ["Region Hovedstaden", "Region Midtjylland", "Region Nordjylland", "Region Sjælland", "Region Syddanmark"];

    /// <summary>The group as KOMBIT would send it, with <paramref name="deadline"/> (a date or date-time, as the API takes).</summary>
    public static WorkingGroupDraft Draft(string deadline) => new(
        Id,
        "FBS 2.0 implementeringsarbejdsgruppe",
        deadline,
        [
            new TrackDraft("implementering", "Implementering", 5, 6, ["projektleder"]),
            new TrackDraft("uddannelse", "Uddannelse", 6, 8, ["superbruger", "systemadministrator"]),
        ],
        [
            .. Regions.Select(r => new QuotaDraft("implementering", "region", r, 1, 2)),
            new QuotaDraft("implementering", "size", "large", 2, 4),
            new QuotaDraft("implementering", "size", "small", 2, 4),
            new QuotaDraft("implementering", "libraryType", "skolebibliotek", 1, 3),
            .. Regions.Select(r => new QuotaDraft("uddannelse", "region", r, 1, 3)),
            new QuotaDraft("uddannelse", "size", "large", 3, 5),
            new QuotaDraft("uddannelse", "size", "small", 3, 5),
            new QuotaDraft("uddannelse", "libraryType", "skolebibliotek", 1, 4),
        ],
        OnePersonOneTrack: true);
}
