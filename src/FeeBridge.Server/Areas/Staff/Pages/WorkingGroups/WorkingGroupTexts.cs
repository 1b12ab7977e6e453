using System.Globalization;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Selection;
using FeeBridge.Rollout.WorkingGroups;

namespace FeeBridge.Server.Staff.Pages.WorkingGroups;

/// <summary>The working-group pages' Danish words and numbers.</summary>
public static class WorkingGroupTexts
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static string Percent(double p) => SelectionReasons.Percent(p);

    public static string Number(int n) => n.ToString("N0", Danish);

    public static string Roles(WorkingGroupTrack t) => string.Join(" eller ", t.Roles.Select(r => FeeBridge.Rollout.Organisation.Roles.Of(r).Title.ToLowerInvariant()));

    public static string Quota(TrackQuota q) =>
        $"{SelectionFeatures.DanishValue(q.Feature, q.Value)}: {(q.Min == q.Max ? $"præcis {q.Min}" : $"{q.Min}–{q.Max}")}";

    public static string Method(string method) => method switch
    {
        "leximin" => "LEXIMIN",
        "maximin" => "MAXIMIN (tidsgrænsen nåede først)",
        "everyone" => "Alle får plads",
        _ => method,
    };

    public static string LibraryType(LibraryType t) => t == FeeBridge.Rollout.WorkingGroups.LibraryType.Folkebibliotek ? "Folkebibliotek" : "Skolebibliotek";

    public static string RoleTitle(RoleId r) => FeeBridge.Rollout.Organisation.Roles.Of(r).Title;

    public static string Invariant(double d) => d.ToString("0.###", CultureInfo.InvariantCulture);
}
