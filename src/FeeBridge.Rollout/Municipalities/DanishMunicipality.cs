namespace FeeBridge.Rollout.Municipalities;

/// <summary>One of the 98 municipalities as the register gives it; <see cref="Population"/> is of <see cref="PopulationDate"/>.</summary>
public sealed record DanishMunicipality(
    Kommunekode Code,
    string Name,
    string Region,
    string Landsdel,
    int Population,
    DateOnly PopulationDate);

/// <summary>CONTRACTS.md §7 <c>size</c>: <c>large</c> at or above the median population of the 98, else <c>small</c>.</summary>
public enum MunicipalitySize
{
    Small,
    Large,
}
