namespace FeeBridge.Domain.Claims;

/// <summary>
/// Where a claim is now, as staff at a library desk or in the finance department say it (CONTRACTS.md §8): the
/// citizen's question "where do I pay?" answered from the claim's route and status.
/// </summary>
public enum ClaimWhereabouts
{
    /// <summary>Stays with the library (before the cut-over, below the minimum, a kind not sent): paid at the library.</summary>
    WithLibrary,

    /// <summary>Handed to the municipality's debtor system, which has not answered yet.</summary>
    OnItsWay,

    /// <summary>Registered in the debtor system (perhaps part paid): the citizen pays the municipality.</summary>
    AtMunicipality,

    /// <summary>The debtor system refused it; it waits for staff to correct and resend it.</summary>
    Rejected,

    Paid,

    /// <summary>The debtor system wrote it off: nothing more to pay.</summary>
    WrittenOff,

    /// <summary>Handed to collection (PSRM, Gældsstyrelsen).</summary>
    WithCollector,

    /// <summary>Cancelled by the library or written down to nothing: nothing to pay.</summary>
    Withdrawn,
}

/// <summary>The whereabouts of a claim, its stable name on the wire and its Danish words.</summary>
public static class ClaimWhereaboutsNames
{
    /// <summary>From the claim's status and route: settled and collection states first, then who holds it.</summary>
    public static ClaimWhereabouts Of(ClaimStatus status, ClaimRoute route) => status switch
    {
        ClaimStatus.Paid => ClaimWhereabouts.Paid,
        ClaimStatus.WrittenOff => ClaimWhereabouts.WrittenOff,
        ClaimStatus.Cancelled or ClaimStatus.WrittenDown => ClaimWhereabouts.Withdrawn,
        ClaimStatus.InCollection => ClaimWhereabouts.WithCollector,
        ClaimStatus.Rejected => ClaimWhereabouts.Rejected,
        _ when route == ClaimRoute.Library => ClaimWhereabouts.WithLibrary,
        ClaimStatus.Registered or ClaimStatus.PartiallyPaid => ClaimWhereabouts.AtMunicipality,
        _ => ClaimWhereabouts.OnItsWay,
    };

    public static string Name(ClaimWhereabouts w) => w switch
    {
        ClaimWhereabouts.WithLibrary => "with-library",
        ClaimWhereabouts.OnItsWay => "on-its-way",
        ClaimWhereabouts.AtMunicipality => "at-municipality",
        ClaimWhereabouts.Rejected => "rejected",
        ClaimWhereabouts.Paid => "paid",
        ClaimWhereabouts.WrittenOff => "written-off",
        ClaimWhereabouts.WithCollector => "with-collector",
        ClaimWhereabouts.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(w)),
    };

    /// <summary>The status word on the desk's screen, in Danish.</summary>
    public static string Words(ClaimWhereabouts w) => w switch
    {
        ClaimWhereabouts.WithLibrary => "Betales på biblioteket",
        ClaimWhereabouts.OnItsWay => "På vej til kommunen",
        ClaimWhereabouts.AtMunicipality => "Hos kommunen",
        ClaimWhereabouts.Rejected => "Afvist af kommunen",
        ClaimWhereabouts.Paid => "Betalt",
        ClaimWhereabouts.WrittenOff => "Afskrevet",
        ClaimWhereabouts.WithCollector => "Sendt til Gældsstyrelsen",
        ClaimWhereabouts.Withdrawn => "Trukket tilbage",
        _ => throw new ArgumentOutOfRangeException(nameof(w)),
    };

    public static bool TryParse(string? text, out ClaimWhereabouts whereabouts)
    {
        foreach (var w in Enum.GetValues<ClaimWhereabouts>())
        {
            if (Name(w) == text) { whereabouts = w; return true; }
        }
        whereabouts = default;
        return false;
    }
}
