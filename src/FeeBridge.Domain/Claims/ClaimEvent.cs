namespace FeeBridge.Domain.Claims;

/// <summary>
/// Something that happened to a claim. A claim is its header plus an append-only list of these;
/// status and amounts are derived from the list (<see cref="ClaimState"/>).
/// </summary>
public abstract record ClaimEvent
{
    /// <summary>Position in the claim's history, from 1.</summary>
    public int Seq { get; init; }

    /// <summary>When FeeBridge recorded it.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The wire name, e.g. <c>written-down</c>.</summary>
    public abstract string Type { get; }

    /// <summary>The amount the event moves, if any.</summary>
    public virtual Money? Amount => null;

    /// <summary>A short human description (never a CPR number).</summary>
    public abstract string Detail { get; }

    /// <summary>A key that makes the event idempotent within its claim (e.g. the write-down id), if it has one.</summary>
    public virtual string? IdempotencyKey => null;
}

/// <summary>The library system handed the claim over.</summary>
public sealed record ClaimReceived(Money Total) : ClaimEvent
{
    public override string Type => "received";
    public override Money? Amount => Total;
    public override string Detail => "Claim received from the library system";
}

/// <summary>The claim stays with the library (or waits), for a reason.</summary>
public sealed record ClaimHeld(HoldReason Reason) : ClaimEvent
{
    public override string Type => "held";
    public override string Detail => ClaimNames.Of(Reason);
}

/// <summary>The claim is to be registered in the municipality's debtor system.</summary>
public sealed record ClaimQueued(DebtorClaimType ClaimType, DateOnly DueDate, DateOnly LastOnTimePaymentDate) : ClaimEvent
{
    public override string Type => "queued";
    public override string Detail => $"{ClaimType}, due {DueDate:yyyy-MM-dd}, pay by {LastOnTimePaymentDate:yyyy-MM-dd}";
}

/// <summary>The library wrote part or all of the claim down (e.g. the item turned up).</summary>
public sealed record ClaimWrittenDown(string WriteDownId, Money Down, WriteDownReason Reason, string? LineId) : ClaimEvent
{
    public override string Type => "written-down";
    public override Money? Amount => Down;
    public override string Detail => LineId is null ? ClaimNames.Of(Reason) : $"{ClaimNames.Of(Reason)} (line {LineId})";
    public override string? IdempotencyKey => "write-down:" + WriteDownId;
}

/// <summary>The library cancelled the claim (made in error).</summary>
public sealed record ClaimCancelled(string Reason) : ClaimEvent
{
    public override string Type => "cancelled";
    public override string Detail => Reason;
}

/// <summary>The patron's identity changed; the claim follows the new debtor.</summary>
public sealed record DebtorChanged(DebtorId NewDebtor) : ClaimEvent
{
    public override string Type => "debtor-changed";
    public override string Detail => $"Debtor is now {NewDebtor}";
}

/// <summary>The debtor system accepted the claim (<c>Udfoert</c>) under its own id.</summary>
public sealed record ClaimRegistered(string DebtorSystemClaimId) : ClaimEvent
{
    public override string Type => "registered";
    public override string Detail => $"Registered in the debtor system as {DebtorSystemClaimId}";
}

/// <summary>The debtor system refused the claim (<c>Afvist</c>); it waits for staff.</summary>
public sealed record ClaimRejected(string Code, string Text) : ClaimEvent
{
    public override string Type => "rejected";
    public override string Detail => $"{Code}: {Text}";
}
