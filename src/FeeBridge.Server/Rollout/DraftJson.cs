using FeeBridge.Application.Rollout;
using FeeBridge.Rollout.Communication.Drafts;
using FeeBridge.Rollout.Communication.Sms;

namespace FeeBridge.Server.Rollout;

/// <summary>The drafts API's JSON: one channel's draft with its template, what it renders to, and the facts that changed.</summary>
public sealed record DraftJson(
    string Channel,
    string Title,
    string Audience,
    string Format,
    bool IsDefault,
    int? Version,
    DateTimeOffset? SavedAt,
    string? SavedBy,
    string Template,
    string? Rendered,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> UnknownNames,
    IReadOnlyList<DraftJson.Sms> SmsTexts,
    IReadOnlyList<DraftFact> Facts,
    DateTimeOffset? SeenAt,
    string? SeenBy,
    IReadOnlyList<FactChange> ChangedFacts)
{
    public sealed record Sms(string Text, string Encoding, int Characters, int Segments, IReadOnlyList<string> OutsideGsm);

    public static string FormatName(DraftFormat f) => f == DraftFormat.Text ? "text" : "html";

    public static DraftJson From(DraftView v) => new(v.Channel.Id, v.Channel.Title, v.Channel.Audience, FormatName(v.Channel.Format),
        v.IsDefault, v.Saved?.Version, v.Saved?.SavedAt, v.Saved?.SavedBy, v.Template,
        v.Rendered.IsAccepted ? v.Rendered.Value.Output : null,
        [.. v.Rendered.Refusals.Select(r => r.Reason)],
        v.Rendered.IsAccepted ? v.Rendered.Value.UnknownNames : [],
        [.. v.SmsMessages.Select(m => new Sms(m.Text, m.Count.Encoding.WireName(), m.Count.Characters, m.Count.Segments, m.Count.OutsideGsm))],
        v.Facts, v.Seen?.SeenAt, v.Seen?.SeenBy, v.Changes);
}

/// <summary>One version in a draft's history.</summary>
public sealed record DraftVersionJson(int Version, DateTimeOffset SavedAt, string SavedBy, string Template);
