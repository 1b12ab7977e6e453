namespace FeeBridge.Domain.Routing;

/// <summary>What a municipality does with unacknowledged compensation claims.</summary>
public enum UnacknowledgedCompensationPolicy
{
    /// <summary>Keep them with the library.</summary>
    Hold,

    /// <summary>Send them to the debtor system as civil claims (<c>BIBERSTATNINGCIVIL</c>).</summary>
    SendAsCivil,
}

/// <summary>A municipality's rules for library claims.</summary>
/// <param name="Minimum">Claims below this wait until the patron's waiting claims together reach it.</param>
/// <param name="PaymentDays">Days from creation to the last on-time payment date (before banking-day adjustment).</param>
public sealed record MunicipalityRules(
    Kommunekode Code,
    string Name,
    Money Minimum,
    UnacknowledgedCompensationPolicy UnacknowledgedCompensation,
    int PaymentDays = 30);

/// <summary>A library agency: which municipality it belongs to and from which day its claims go to the debtor system.</summary>
public sealed record AgencySettings(AgencyId Id, string Name, Kommunekode Municipality, DateOnly CutOverDate, Money BlockThreshold);
