using System.Globalization;
using FeeBridge.Domain.Claims;
using FeeBridge.Server.Claims;

namespace FeeBridge.Server.Citizen;

/// <summary>The overview as JSON for apps: the page's content, money as "0.00" strings like the rest of the API.</summary>
public static class CitizenJson
{
    public sealed record Claim(string Agency, string ClaimId, string Kind, string Title, IReadOnlyList<string> Materials, string? Child,
        string? Status, string? StatusText, string Principal, string? Interest, string? ReminderFees, string Outstanding,
        string? LastOnTimePaymentDate, string? PaymentLine, string? PaymentUrl, string CreatedOn, string? Note);

    public sealed record ClaimList(string Total, IReadOnlyList<Claim> Claims);

    public sealed record Instructions(string Agency, string Text, string? PaymentUrl);

    public sealed record LibraryList(string Total, IReadOnlyList<Claim> Claims, IReadOnlyList<Instructions> Instructions);

    public sealed record Freshness(bool Reachable, string? AsOf);

    public sealed record Speed(int Payments, int Days, double? MedianSeconds, double? P95Seconds, string Text);

    public sealed record Faq(string? Municipality, string Question, string AnswerHtml);

    public sealed record Overview(string Name, string Id, string AsOf, string Total, ClaimList Municipality, LibraryList Library,
        IReadOnlyList<Claim> RecentlySettled, Freshness? DebtorSystem, Speed PaymentSpeed, IReadOnlyList<Faq> Faq);

    public static Overview From(CitizenOverview o) => new(
        o.Name, o.MaskedId, ClaimResources.Time(o.AsOf), o.Total.ToString(),
        new ClaimList(o.Municipality.Total.ToString(), [.. o.Municipality.Claims.Select(From)]),
        new LibraryList(o.Library.Total.ToString(), [.. o.Library.Claims.Select(From)],
            [.. o.LibraryInstructions.Select(i => new Instructions(i.AgencyName, i.Text, i.PaymentUrl))]),
        [.. o.RecentlySettled.Select(From)],
        o.Freshness is { } f ? new Freshness(f.Reachable, f.AsOf is { } at ? ClaimResources.Time(at) : null) : null,
        new Speed(o.Speed.Payments, o.Speed.Days, o.Speed.Median?.TotalSeconds, o.Speed.P95?.TotalSeconds, o.Speed.Text),
        [.. o.Faq.Select(e => new Faq(e.Municipality, e.Question, e.AnswerHtml))]);

    private static Claim From(CitizenClaim c) => new(
        c.AgencyName, c.ClaimId, ClaimNames.Of(c.Kind), c.Title, c.Materials, c.ChildFirstName,
        c.Status is { } s ? CitizenStatuses.Name(s) : null, c.Status is { } t ? CitizenStatuses.Text(t) : null,
        c.Principal.ToString(), c.Interest?.ToString(), c.ReminderFees?.ToString(), c.Outstanding.ToString(),
        c.LastOnTimePaymentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.PaymentLine, c.PaymentUrl,
        c.CreatedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Note);
}
