using FeeBridge.Domain;
using FeeBridge.Domain.Routing;

namespace FeeBridge.Sandbox;

/// <summary>
/// What sandbox mode starts with (CONTRACTS.md §4): two municipalities, one library agency in each, and the library
/// system's API key. None of it exists outside sandbox mode.
/// </summary>
public static class SandboxSeed
{
    /// <summary>The library-system API key the sandbox accepts, bound to both agencies.</summary>
    public const string LibraryApiKey = "sandbox-library-key";

    public static readonly IReadOnlyList<MunicipalityRules> Municipalities =
    [
        new(Kommunekode.Parse("101"), "København", Money.Parse("100.00"), UnacknowledgedCompensationPolicy.Hold),
        new(Kommunekode.Parse("751"), "Aarhus", Money.Parse("100.00"), UnacknowledgedCompensationPolicy.SendAsCivil),
    ];

    public static readonly IReadOnlyList<AgencySettings> Agencies =
    [
        new(AgencyId.Parse("710100"), "Københavns Biblioteker", Kommunekode.Parse("101"), new DateOnly(2020, 11, 30), Money.Parse("200.00")),
        new(AgencyId.Parse("775100"), "Aarhus Kommunes Biblioteker", Kommunekode.Parse("751"), new DateOnly(2021, 9, 1), Money.Parse("200.00")),
    ];
}
