namespace FeeBridge.Domain.Claims;

/// <summary>Where a claim stands; derived from its events (CONTRACTS.md §1).</summary>
public enum ClaimStatus
{
    Received,
    Held,
    Queued,
    Registered,
    Rejected,
    PartiallyPaid,
    Paid,
    WrittenDown,
    Cancelled,
    WrittenOff,
    InCollection,
}

/// <summary>Who collects the claim.</summary>
public enum ClaimRoute
{
    /// <summary>Not decided yet (only between receipt and routing, inside one transaction).</summary>
    Undecided,

    /// <summary>Handed to the municipality's debtor system.</summary>
    DebtorSystem,

    /// <summary>Stays with the library (paid at the desk or on its website).</summary>
    Library,
}

/// <summary>Why a claim stays with the library, or waits.</summary>
public enum HoldReason
{
    /// <summary>Created before the agency's cut-over date.</summary>
    BeforeCutOver,

    /// <summary>Below the municipality's minimum; waits for the patron's other claims.</summary>
    BelowMinimum,

    /// <summary>Unacknowledged compensation in a municipality that holds such claims.</summary>
    CompensationNotAcknowledged,
}

/// <summary>Wire names (kebab-case) for the enums, shared by API and storage.</summary>
public static class ClaimNames
{
    public static string Of(ClaimStatus s) => s switch
    {
        ClaimStatus.Received => "received",
        ClaimStatus.Held => "held",
        ClaimStatus.Queued => "queued",
        ClaimStatus.Registered => "registered",
        ClaimStatus.Rejected => "rejected",
        ClaimStatus.PartiallyPaid => "partially-paid",
        ClaimStatus.Paid => "paid",
        ClaimStatus.WrittenDown => "written-down",
        ClaimStatus.Cancelled => "cancelled",
        ClaimStatus.WrittenOff => "written-off",
        ClaimStatus.InCollection => "in-collection",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    public static bool TryParseStatus(string? text, out ClaimStatus status)
    {
        foreach (var s in Enum.GetValues<ClaimStatus>())
        {
            if (Of(s) == text) { status = s; return true; }
        }
        status = default;
        return false;
    }

    public static string Of(ClaimRoute r) => r switch
    {
        ClaimRoute.DebtorSystem => "debtor-system",
        ClaimRoute.Library => "library",
        _ => "undecided",
    };

    public static string Of(HoldReason r) => r switch
    {
        HoldReason.BeforeCutOver => "before-cut-over",
        HoldReason.BelowMinimum => "below-minimum",
        HoldReason.CompensationNotAcknowledged => "compensation-not-acknowledged",
        _ => throw new ArgumentOutOfRangeException(nameof(r)),
    };

    public static HoldReason ParseHoldReason(string text) =>
        Enum.GetValues<HoldReason>().First(r => Of(r) == text);

    public static string Of(ClaimKind k) => k == ClaimKind.Fee ? "fee" : "compensation";

    public static bool TryParseKind(string? text, out ClaimKind kind)
    {
        kind = text == "compensation" ? ClaimKind.Compensation : ClaimKind.Fee;
        return text is "fee" or "compensation";
    }

    public static string Of(WriteDownReason r) => r switch
    {
        WriteDownReason.MaterialReturned => "material-returned",
        WriteDownReason.Error => "error",
        _ => "other",
    };

    public static bool TryParseWriteDownReason(string? text, out WriteDownReason reason)
    {
        reason = text switch
        {
            "material-returned" => WriteDownReason.MaterialReturned,
            "error" => WriteDownReason.Error,
            _ => WriteDownReason.Other,
        };
        return text is "material-returned" or "error" or "other";
    }
}
