using FeeBridge.Rollout.Municipalities;

namespace FeeBridge.Rollout.WorkingGroups;

/// <summary>
/// An applicant's values of the three features: region and size from the municipality (the register), library type
/// from the application. Size is <c>large</c> at or above the median population of the 98 (CONTRACTS.md §7).
/// </summary>
public static class ApplicantFeatures
{
    /// <summary>The applicant's value of <paramref name="feature"/>; an unknown municipality has none (the empty string).</summary>
    public static string ValueOf(GroupApplication application, SelectionFeature feature, MunicipalityRegister register)
    {
        if (feature == SelectionFeature.LibraryType) return SelectionFeatures.WireName(application.LibraryType);
        var m = register.Find(application.Municipality);
        if (m is null) return "";
        return feature == SelectionFeature.Region ? m.Region : register.SizeOf(m) == MunicipalitySize.Large ? "large" : "small";
    }

    /// <summary>All three values, keyed by feature.</summary>
    public static IReadOnlyDictionary<SelectionFeature, string> Of(GroupApplication application, MunicipalityRegister register) =>
        SelectionFeatures.All.ToDictionary(f => f, f => ValueOf(application, f, register));
}
