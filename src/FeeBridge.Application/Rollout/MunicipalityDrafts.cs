using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout;
using FeeBridge.Rollout.Communication;
using FeeBridge.Rollout.Communication.Drafts;
using FeeBridge.Rollout.Municipalities;

namespace FeeBridge.Application.Rollout;

/// <summary>
/// One channel's draft for one municipality as it stands: the template in use (the municipality's newest version, or
/// FeeBridge's default), what it renders to from today's facts, and which facts changed since the draft was last
/// seen (none when it was never seen: there is nothing to compare with yet).
/// </summary>
public sealed record DraftView(
    DraftChannel Channel,
    string Template,
    StoredDraftTemplate? Saved,
    Outcome<RenderedDraft> Rendered,
    IReadOnlyList<DraftFact> Facts,
    SeenDraftFacts? Seen,
    IReadOnlyList<FactChange> Changes)
{
    public bool IsDefault => Saved is null;

    /// <summary>The SMS texts with their counts, for a text channel that renders.</summary>
    public IReadOnlyList<SmsMessage> SmsMessages => Channel.Format == DraftFormat.Text && Rendered.IsAccepted ? SmsDraft.Messages(Rendered.Value.Output) : [];
}

/// <summary>
/// The drafts of a municipality (issue 16 part 2): rendered from the live configuration
/// (<see cref="MunicipalityFactsSource"/>) with the municipality's own template where it saved one, and the facts each
/// was last seen with (part "when a fact changes, the drafts show that they changed").
/// </summary>
public sealed class MunicipalityDrafts(MunicipalityFactsSource source, FeeBridgeStore store)
{
    private DraftStore Drafts => store.Rollout.Drafts;

    public async Task<IReadOnlyList<DraftView>> AllAsync(Kommunekode code, CancellationToken ct)
    {
        var facts = await source.ForAsync(code, ct);
        var saved = await Drafts.CurrentTemplatesAsync(code, ct);
        var seen = await Drafts.SeenAsync(code, ct);
        return [.. DraftChannels.All.Select(c => View(c, facts, saved.GetValueOrDefault(c.Id), seen.GetValueOrDefault(c.Id)))];
    }

    public async Task<DraftView> OneAsync(Kommunekode code, DraftChannel channel, CancellationToken ct)
    {
        var facts = await source.ForAsync(code, ct);
        return View(channel, facts, await Drafts.CurrentTemplateAsync(code, channel.Id, ct), (await Drafts.SeenAsync(code, ct)).GetValueOrDefault(channel.Id));
    }

    /// <summary>Today's facts of the municipality.</summary>
    public Task<MunicipalityFacts> FactsAsync(Kommunekode code, CancellationToken ct) => source.ForAsync(code, ct);

    /// <summary>Renders what is given against today's facts without saving it (the editor's preview).</summary>
    public async Task<Outcome<RenderedDraft>> PreviewAsync(Kommunekode code, DraftChannel channel, string? template, CancellationToken ct) =>
        Render(channel, template, await source.ForAsync(code, ct));

    /// <summary>
    /// Saves a new version of the channel's template when it parses and renders against today's facts; nothing is
    /// saved otherwise. The editor had today's facts in front of them, so they count as seen.
    /// </summary>
    public async Task<Outcome<DraftView>> SaveAsync(Kommunekode code, DraftChannel channel, string? template, string by, DateTimeOffset at, CancellationToken ct)
    {
        var facts = await source.ForAsync(code, ct);
        var rendered = Render(channel, template, facts);
        if (!rendered.IsAccepted) return Outcome<DraftView>.Refuse(rendered.Refusals);
        var saved = await Drafts.SaveTemplateAsync(code, channel.Id, template!, at, by, ct);
        var shown = DraftFacts.Of(facts);
        await Drafts.MarkSeenAsync(code, channel.Id, shown, at, by, ct);
        return Outcome<DraftView>.Accept(View(channel, facts, saved, new SeenDraftFacts(channel.Id, shown, at, by)));
    }

    /// <summary>Marks today's facts as seen for the channel: its "changed" markers go until a fact changes again.</summary>
    public async Task<DraftView> MarkSeenAsync(Kommunekode code, DraftChannel channel, string by, DateTimeOffset at, CancellationToken ct)
    {
        var facts = await source.ForAsync(code, ct);
        var shown = DraftFacts.Of(facts);
        await Drafts.MarkSeenAsync(code, channel.Id, shown, at, by, ct);
        return View(channel, facts, await Drafts.CurrentTemplateAsync(code, channel.Id, ct), new SeenDraftFacts(channel.Id, shown, at, by));
    }

    /// <summary>Parses and renders a template for a channel; refused with where it fails when it does not.</summary>
    public static Outcome<RenderedDraft> Render(DraftChannel channel, string? template, MunicipalityFacts facts)
    {
        var parsed = DraftTemplate.Parse(template);
        return parsed.IsAccepted ? parsed.Value.Render(facts, channel.Format) : Outcome<RenderedDraft>.Refuse(parsed.Refusals);
    }

    private static DraftView View(DraftChannel channel, MunicipalityFacts facts, StoredDraftTemplate? saved, SeenDraftFacts? seen)
    {
        var template = saved?.Source ?? channel.DefaultTemplate;
        var now = DraftFacts.Of(facts);
        return new DraftView(channel, template, saved, Render(channel, template, facts), now, seen,
            seen is null ? [] : DraftFacts.Changes(seen.Facts, now));
    }
}
