using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;

namespace FeeBridge.Domain.Tests.Claims;

internal static class TestClaims
{
    public static readonly MunicipalityRules Copenhagen = new(Kommunekode.Parse("101"), "København", Money.Parse("100.00"), UnacknowledgedCompensationPolicy.Hold);
    public static readonly MunicipalityRules Aarhus = new(Kommunekode.Parse("751"), "Aarhus", Money.Parse("100.00"), UnacknowledgedCompensationPolicy.SendAsCivil);
    public static readonly AgencySettings CphLibrary = new(AgencyId.Parse("710100"), "KB", Kommunekode.Parse("101"), new DateOnly(2020, 11, 30), Money.Parse("200.00"));

    public static ClaimHeader Header(
        string amount = "120.00",
        ClaimKind kind = ClaimKind.Fee,
        bool acknowledged = false,
        string createdAt = "2026-11-20T10:15:00+01:00",
        Cpr? guardian = null,
        params string[] moreLines) =>
        new(AgencyId.Parse("710100"), "C1", Kommunekode.Parse("101"), "P1", DebtorId.Person(Cpr.Parse("0101901234")), "Jens",
            guardian, kind, acknowledged, "Gebyr", DateTimeOffset.Parse(createdAt), null,
            [new ClaimLine("1", Money.Parse(amount), "Sen aflevering", null, null),
             .. moreLines.Select((a, i) => new ClaimLine((i + 2).ToString(), Money.Parse(a), null, null, null))]);

    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-21T09:00:00+01:00");

    /// <summary>A claim received and queued, as intake leaves it.</summary>
    public static ClaimState Queued(ClaimHeader? header = null)
    {
        header ??= Header();
        return ClaimState.Fold(header,
        [
            new ClaimReceived(header.Amount) { Seq = 1, At = Now },
            ClaimRouter.QueuedEvent(header, DebtorClaimType.BIBGEBYR, Copenhagen) with { Seq = 2, At = Now },
        ]);
    }

    public static ClaimState Apply(this ClaimState s, CommandOutcome o) =>
        o is CommandOutcome.Accepted a ? s.With(a.Events) : throw new InvalidOperationException($"Expected accepted, got {o}");
}
