namespace FeeBridge.Domain.Claims;

/// <summary>What the claim is for, as FBS classifies it.</summary>
public enum ClaimKind
{
    /// <summary>A late fee (<c>gebyr</c>).</summary>
    Fee,

    /// <summary>A replacement or damage charge (<c>erstatning</c>).</summary>
    Compensation,
}

/// <summary>The claim type (<c>Fordringsart</c>) the debtor system books the claim under.</summary>
public enum DebtorClaimType
{
    /// <summary>Library fee; a public claim that may go to PSRM.</summary>
    BIBGEBYR,

    /// <summary>Acknowledged compensation; a public claim.</summary>
    BIBERSTATNING,

    /// <summary>Unacknowledged compensation; a civil claim.</summary>
    BIBERSTATNINGCIVIL,
}

/// <summary>Why a library system wrote a claim down.</summary>
public enum WriteDownReason
{
    MaterialReturned,
    Error,
    Other,
}
