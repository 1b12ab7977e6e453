using System.Globalization;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Server.Staff.Pages.Rollout;

/// <summary>The rollout pages' Danish words for the contract's field names, and dates and times as staff read them.</summary>
public static class RolloutTexts
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>A master field or a task field (CONTRACTS.md §6 names) in Danish; an unknown name as it is.</summary>
    public static string Field(string name) => name switch
    {
        "title" => "titel",
        "phase" => "fase",
        "theme" => "tema",
        "priority" => "prioritet",
        "infrastructure" => "infrastruktur",
        "waves" => "bølger",
        "goal" => "mål",
        "description" => "beskrivelse",
        "method" => "metode",
        "result" => "resultat",
        "recommendedPerformer" => "anbefalet udfører",
        "involvedParties" => "involverede parter",
        "links" => "links",
        "status" => "status",
        "reason" => "begrundelse",
        "accountable" => "ansvarlig",
        "performer" => "udfører",
        "deadline" => "frist",
        "note" or "notes" => "note",
        "version" => "version",
        "task" => "opgaven",
        _ => name,
    };

    /// <summary>A history value in words: status ids as their Danish names, none as "(ingen)".</summary>
    public static string Value(string field, string? value) =>
        value is null ? "(ingen)"
        : field == "status" && MunicipalTaskStatuses.TryParse(value, out var s) ? MunicipalTaskStatuses.Title(s)
        : value;

    public static string Date(DateOnly d) => d.ToString("d. MMMM yyyy", Danish);

    public static string Time(DateTimeOffset t) =>
        Domain.Routing.PaymentDeadline.LocalTime(t).ToString("d. MMMM yyyy 'kl.' HH:mm", Danish);

    /// <summary>A file size as staff read it: bytes, kB or MB (1024-based, as the upload limit is), one decimal.</summary>
    public static string Size(long bytes) =>
        bytes < 1024 ? $"{bytes} byte"
        : bytes < 1024 * 1024 ? (bytes / 1024.0).ToString("0.#", Danish) + " kB"
        : (bytes / (1024.0 * 1024.0)).ToString("0.#", Danish) + " MB";

    public static string Percent(double? share) => share is { } s ? s.ToString("P0", Danish) : "–";

    /// <summary>A person of the gallery by name and address, or the address alone when the gallery no longer has them.</summary>
    public static string Person(MunicipalOrganisation gallery, EmailAddress? email) =>
        email is not { } e ? "Ingen" : gallery.Find(e) is { } p ? $"{p.Name} ({e.Value})" : e.Value;
}
