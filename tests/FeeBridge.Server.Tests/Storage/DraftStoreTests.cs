using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Communication.Drafts;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Storage;

/// <summary>
/// The drafts' and FAQs' store (rollout step 8) on both databases: a template's versions kept, the newest in use and
/// the rest its history, per municipality and channel; the facts a draft was seen with replaced, per channel; the FAQ's
/// versions kept and one published, only a version that exists.
/// </summary>
public abstract class DraftStoreTests(StoreKind kind)
{
    private static readonly DateTimeOffset Now = new(2027, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly Kommunekode Aabenraa = Kommunekode.Parse("580");
    private static readonly Kommunekode Fredericia = Kommunekode.Parse("607");

    [Fact]
    public async Task TemplateVersions_AreKept_TheNewestInUse_PerMunicipalityAndChannel()
    {
        await using var s = await RolloutTestStore.OpenAsync(kind);
        var drafts = s.Rollout.Drafts;
        (await drafts.CurrentTemplateAsync(Aabenraa, "sms", default)).ShouldBeNull();
        (await drafts.SaveTemplateAsync(Aabenraa, "sms", "en", Now, "projektleder-580", default)).Version.ShouldBe(1);
        (await drafts.SaveTemplateAsync(Aabenraa, "sms", "to", Now.AddMinutes(1), "projektleder-580", default)).Version.ShouldBe(2);
        (await drafts.SaveTemplateAsync(Aabenraa, "ledelse", "mail", Now, "admin", default)).Version.ShouldBe(1);
        (await drafts.SaveTemplateAsync(Fredericia, "sms", "andet", Now, "projektleder-607", default)).Version.ShouldBe(1);

        var current = (await drafts.CurrentTemplateAsync(Aabenraa, "sms", default))!;
        current.ShouldBe(new StoredDraftTemplate("sms", 2, "to", Now.AddMinutes(1), "projektleder-580"));
        (await drafts.TemplateHistoryAsync(Aabenraa, "sms", default)).Select(t => t.Source).ShouldBe(["to", "en"]);
        var all = await drafts.CurrentTemplatesAsync(Aabenraa, default);
        all.Keys.Order().ShouldBe(["ledelse", "sms"]);
        all["sms"].Version.ShouldBe(2);
        (await drafts.CurrentTemplateAsync(Fredericia, "sms", default))!.Source.ShouldBe("andet");
    }

    [Fact]
    public async Task ConcurrentSaves_GetDistinctVersions_NoneLost()
    {
        await using var s = await RolloutTestStore.OpenAsync(kind);
        var saved = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => s.Rollout.Drafts.SaveTemplateAsync(Aabenraa, "intranet", $"v{i}", Now, "projektleder-580", default)));
        saved.Select(t => t.Version).Order().ShouldBe([1, 2, 3, 4, 5, 6]);
        (await s.Rollout.Drafts.TemplateHistoryAsync(Aabenraa, "intranet", default)).Count.ShouldBe(6);
    }

    [Fact]
    public async Task TheFactsSeen_AreReplaced_PerChannel()
    {
        await using var s = await RolloutTestStore.OpenAsync(kind);
        var drafts = s.Rollout.Drafts;
        DraftFact[] first = [new("minimum", "Minimum", "100 kr."), new("bibliotek.758000.skaeringsdato", "Skæringsdato for Aabenraa Bibliotekerne", "1. marts 2027")];
        await drafts.MarkSeenAsync(Aabenraa, "hjemmeside", first, Now, "projektleder-580", default);
        await drafts.MarkSeenAsync(Aabenraa, "sms", first, Now, "projektleder-580", default);
        DraftFact[] later = [new("minimum", "Minimum", "50 kr.")];
        await drafts.MarkSeenAsync(Aabenraa, "hjemmeside", later, Now.AddDays(1), "admin", default);
        var seen = await drafts.SeenAsync(Aabenraa, default);
        seen["hjemmeside"].Facts.ShouldBe(later);
        seen["hjemmeside"].SeenBy.ShouldBe("admin");
        seen["hjemmeside"].SeenAt.ShouldBe(Now.AddDays(1));
        seen["sms"].Facts.ShouldBe(first, "æøå and all");
        (await drafts.SeenAsync(Fredericia, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task FaqVersions_AreKept_AndOnlyAVersionThatExistsIsPublished()
    {
        await using var s = await RolloutTestStore.OpenAsync(kind);
        var faqs = s.Rollout.Faqs;
        (await faqs.PublishedAsync(Aabenraa, default)).ShouldBeNull();
        await faqs.SaveAsync(Aabenraa, "## Kan jeg betale kontant?\nNej.", Now, "projektleder-580", default);
        await faqs.SaveAsync(Aabenraa, "## Kan jeg betale kontant?\nI Borgerservice.", Now.AddHours(1), "projektleder-580", default);
        (await faqs.PublishAsync(Aabenraa, 3, Now, "projektleder-580", default)).ShouldBeFalse();
        (await faqs.PublishedAsync(Aabenraa, default)).ShouldBeNull();
        (await faqs.PublishAsync(Aabenraa, 1, Now.AddHours(2), "projektleder-580", default)).ShouldBeTrue();

        var published = (await faqs.PublishedAsync(Aabenraa, default))!;
        published.Version.ShouldBe(1);
        published.Markdown.ShouldEndWith("Nej.");
        published.PublishedAt.ShouldBe(Now.AddHours(2));
        var history = await faqs.HistoryAsync(Aabenraa, default);
        history.Select(h => (h.Version, h.PublishedAt is not null)).ShouldBe([(2, false), (1, true)]);
        (await faqs.NewestAsync(Aabenraa, default))!.Version.ShouldBe(2);

        (await faqs.PublishAsync(Aabenraa, 2, Now.AddHours(3), "admin", default)).ShouldBeTrue();
        var all = await faqs.AllPublishedAsync(default);
        all.Keys.ShouldBe(["580"]);
        all["580"].Version.ShouldBe(2);
        all["580"].PublishedBy.ShouldBe("admin");
    }
}

[Trait("store", "sqlite")]
public sealed class DraftStoreOnSqlite() : DraftStoreTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class DraftStoreOnPostgres() : DraftStoreTests(StoreKind.Postgres);
