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
        new(Kommunekode.Parse("101"), "Københavns Kommune", Money.Parse("100.00"), UnacknowledgedCompensationPolicy.Hold),
        new(Kommunekode.Parse("751"), "Aarhus Kommune", Money.Parse("100.00"), UnacknowledgedCompensationPolicy.SendAsCivil),
    ];

    public static readonly IReadOnlyList<AgencySettings> Agencies =
    [
        new(AgencyId.Parse("710100"), "Københavns Biblioteker", Kommunekode.Parse("101"), new DateOnly(2020, 11, 30), Money.Parse("200.00")),
        new(AgencyId.Parse("775100"), "Aarhus Kommunes Biblioteker", Kommunekode.Parse("751"), new DateOnly(2021, 9, 1), Money.Parse("200.00")),
    ];

    /// <summary>
    /// The people the MitID stand-in offers (invented numbers): adults, a guardian of a minor, one with nothing owed,
    /// and a company by CVR. <see cref="TestPerson.Minor"/> names the child a guardian answers for.
    /// </summary>
    public static readonly IReadOnlyList<TestPerson> TestPeople =
    [
        new("Mette Hansen", "0101901234", null, "Voksen med gebyrer på begge biblioteker"),
        new("Jens Jensen", "1205852345", null, "Voksen uden noget udestående"),
        new("Anne Nielsen", "2304781234", null, "Forælder, hæfter for sin datter Freja", new TestMinor("Freja Nielsen", "1503154321")),
        new("Bogcaféen ApS", null, "29189846", "Virksomhed (CVR) med lånerkort"),
    ];
}

/// <summary>A child whose library claims a guardian is liable for.</summary>
public sealed record TestMinor(string Name, string Cpr);

/// <summary>One identity the MitID stand-in lets you log in as: a person (CPR) or a company (CVR).</summary>
public sealed record TestPerson(string Name, string? Cpr, string? Cvr, string Description, TestMinor? Minor = null);
