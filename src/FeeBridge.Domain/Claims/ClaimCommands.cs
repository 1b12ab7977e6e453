namespace FeeBridge.Domain.Claims;

/// <summary>What a command on an existing claim leads to.</summary>
public abstract record CommandOutcome
{
    /// <summary>Accepted; these events are to be appended.</summary>
    public sealed record Accepted(IReadOnlyList<ClaimEvent> Events) : CommandOutcome;

    /// <summary>The same command was carried out before; nothing to append.</summary>
    public sealed record AlreadyDone : CommandOutcome;

    /// <summary>The claim's state forbids it (closed, or the id was used for something else).</summary>
    public sealed record Conflict(string Detail) : CommandOutcome;

    /// <summary>The request is wrong for this claim (a field and why).</summary>
    public sealed record Invalid(string Field, string Message) : CommandOutcome;
}

/// <summary>The library system's commands on a claim it handed over, decided on the claim's current state.</summary>
public static class ClaimCommands
{
    /// <summary>
    /// Write down part or all of a claim. Idempotent per <paramref name="writeDownId"/>; never below zero,
    /// neither on the claim nor on the line.
    /// </summary>
    public static CommandOutcome WriteDown(ClaimState claim, string writeDownId, Money amount, WriteDownReason reason, string? lineId, DateTimeOffset now)
    {
        var wanted = new ClaimWrittenDown(writeDownId, amount, reason, lineId);
        if (claim.FindByKey(wanted.IdempotencyKey!) is ClaimWrittenDown earlier)
        {
            return earlier.Down == amount && earlier.Reason == reason && earlier.LineId == lineId
                ? new CommandOutcome.AlreadyDone()
                : new CommandOutcome.Conflict($"Write-down '{writeDownId}' was already made with different content.");
        }
        if (claim.IsClosed) return new CommandOutcome.Conflict($"The claim is {ClaimNames.Of(claim.Status)}; it takes no write-downs.");
        if (lineId is not null && !claim.HasLine(lineId)) return new CommandOutcome.Invalid("lineId", "The claim has no line with this id.");

        var limit = lineId is null ? claim.Outstanding : claim.LineOutstanding(lineId);
        if (amount > limit)
        {
            return new CommandOutcome.Invalid("amount", $"The write-down exceeds what is outstanding ({limit}).");
        }
        return Accept(claim, wanted, now);
    }

    /// <summary>Cancel a claim made in error. Repeating it changes nothing; a closed claim cannot be cancelled.</summary>
    public static CommandOutcome Cancel(ClaimState claim, string reason, DateTimeOffset now)
    {
        if (claim.Status == ClaimStatus.Cancelled) return new CommandOutcome.AlreadyDone();
        if (claim.IsClosed) return new CommandOutcome.Conflict($"The claim is {ClaimNames.Of(claim.Status)}; it cannot be cancelled.");
        return Accept(claim, new ClaimCancelled(reason), now);
    }

    /// <summary>The patron's identity changed: an open claim follows the new debtor; a closed one keeps its history.</summary>
    public static CommandOutcome ChangeDebtor(ClaimState claim, DebtorId newDebtor, DateTimeOffset now)
    {
        if (claim.IsClosed || claim.Debtor == newDebtor) return new CommandOutcome.AlreadyDone();
        return Accept(claim, new DebtorChanged(newDebtor), now);
    }

    /// <summary>
    /// Send a rejected claim to the debtor system again, as it stands (e.g. the debtor system's set-up was corrected):
    /// queued anew with its claim type and dates, so the registration goes out again. Only a rejected claim; one
    /// already on its way again is left alone.
    /// </summary>
    public static CommandOutcome Resend(ClaimState claim, DateTimeOffset now)
    {
        if (claim.Status is ClaimStatus.Queued or ClaimStatus.Received && claim.Route == ClaimRoute.DebtorSystem) return new CommandOutcome.AlreadyDone();
        if (claim.Status != ClaimStatus.Rejected || claim.DebtorClaimType is not { } type || claim.DueDate is not { } due || claim.LastOnTimePaymentDate is not { } last)
            return new CommandOutcome.Conflict($"The claim is {ClaimNames.Of(claim.Status)}; only a rejected claim is sent again.");
        return Accept(claim, new ClaimQueued(type, due, last), now);
    }

    private static CommandOutcome.Accepted Accept(ClaimState claim, ClaimEvent e, DateTimeOffset now) =>
        new([e with { Seq = claim.NextSeq, At = now }]);
}
