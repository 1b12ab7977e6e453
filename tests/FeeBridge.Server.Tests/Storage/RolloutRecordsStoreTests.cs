using System.Security.Cryptography;
using FeeBridge.Rollout.Calendar;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Reminders;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Tests.Infrastructure;
using static FeeBridge.Server.Tests.Storage.RolloutSamples;

namespace FeeBridge.Server.Tests.Storage;

/// <summary>
/// The rollout store's other records (issue 15): role galleries and bounced addresses, calendar feed token hashes,
/// reminders sent once, and the latest evidence per check.
/// </summary>
public abstract class RolloutRecordsStoreTests(StoreKind kind)
{
    private static readonly CancellationToken None = CancellationToken.None;

    // ReminderKey / DueReminder: "A sender that records the key ... sends each reminder once, whatever happens to the process".
    [Fact]
    public async Task AReminderKey_IsRecordedExactlyOnce_UnderEightConcurrentCallers()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var reminders = db.Rollout.Reminders;
        var key = ReminderKey.For("101-m0123456789abcdef", Anne, new DateOnly(2026, 3, 30), ReminderKind.OneDayBefore, new DateOnly(2026, 3, 29));
        var start = new TaskCompletionSource();
        var callers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await reminders.TryRecordAsync(key, T0.AddSeconds(i), None);
        })).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(callers);

        answers.Count(a => a).ShouldBe(1);
        (await reminders.TryRecordAsync(key, T0.AddDays(1), None)).ShouldBeFalse();
        var other = ReminderKey.For("101-m0123456789abcdef", Anne, new DateOnly(2026, 3, 30), ReminderKind.OnTheDay, new DateOnly(2026, 3, 30));
        (await reminders.TryRecordAsync(other, T0, None)).ShouldBeTrue();
        (await reminders.RecordedAmongAsync([key, other, "reminder:never"], None)).OrderBy(k => k, StringComparer.Ordinal)
            .ShouldBe(new[] { key, other }.OrderBy(k => k, StringComparer.Ordinal));
        (await db.ScalarAsync("SELECT COUNT(*) FROM rollout_reminders_sent")).ShouldBe(2);
    }

    // CalendarFeedTokens: "The token itself is never stored ... renewing replaces the hash and the old link stops working".
    [Fact]
    public async Task RenewingAFeedToken_EndsTheOldLink_AndOnlyHashesAreStored()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var tokens = db.Rollout.FeedTokens;
        var first = CalendarFeedTokens.Issue(Anne, RandomNumberGenerator.Create(), T0);
        await tokens.SaveAsync(Koebenhavn, first.Record, None);
        var found = (await tokens.FindByHashAsync(CalendarFeedTokens.LookupHash(first.Token), None)).ShouldNotBeNull();
        found.Municipality.ShouldBe(Koebenhavn);
        found.Record.ShouldBe(first.Record);

        // Renewed for the same person, the address written in another case.
        var renewed = CalendarFeedTokens.Renew(first.Record with { Owner = EmailAddress.Parse("Anne.Hansen@KK.dk") }, RandomNumberGenerator.Create(), T0.AddDays(1));
        await tokens.SaveAsync(Koebenhavn, renewed.Record, None);

        (await tokens.FindByHashAsync(CalendarFeedTokens.LookupHash(first.Token), None)).ShouldBeNull();
        (await tokens.FindByHashAsync(CalendarFeedTokens.LookupHash(renewed.Token), None))!.Record.IssuedAt.ShouldBe(T0.AddDays(1));
        (await tokens.FindAsync(Koebenhavn, Anne, None))!.TokenHash.ShouldBe(renewed.Record.TokenHash);
        (await db.ScalarAsync("SELECT COUNT(*) FROM rollout_feed_tokens")).ShouldBe(1);
        (await db.TextValuesAsync("rollout_feed_tokens")).ShouldAllBe(v => !v.Contains(first.Token) && !v.Contains(renewed.Token));

        (await tokens.FindByHashAsync(CalendarFeedTokens.LookupHash("not a token"), None)).ShouldBeNull();
        (await tokens.RevokeAsync(Koebenhavn, Anne, None)).ShouldBeTrue();
        (await tokens.FindByHashAsync(CalendarFeedTokens.LookupHash(renewed.Token), None)).ShouldBeNull();
    }

    [Fact]
    public async Task AGallery_IsKeptWhole_AndASaveFromAnOldVersion_IsRefused()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var organisations = db.Rollout.Organisations;
        (await organisations.FindAsync(Koebenhavn, None)).ShouldBeNull();
        var gallery = OrganisationValidation.Validate(new OrganisationDraft(
            [
                new RoleDraft("projektleder", [new PersonDraft("Anne Hansen", "Anne.Hansen@kk.dk", true)]),
                new RoleDraft("debitorpersonale", [new PersonDraft("Bo Jensen", "bo@kk.dk", false), new PersonDraft("Anne Hansen", "anne.hansen@kk.dk", false)]),
            ],
            [new CompetenceDraft("kommunikation", ["bo@kk.dk"], new DateOnly(2026, 4, 1))])).Value!;

        var saved = await organisations.SaveAsync(Koebenhavn, gallery, 0, By("anne.hansen@kk.dk", T0), None);
        saved.Saved.ShouldBeTrue();
        saved.Current.Version.ShouldBe(1);
        var read = (await organisations.FindAsync(Koebenhavn, None)).ShouldNotBeNull();
        read.Version.ShouldBe(1);
        read.UpdatedBy.ShouldBe("anne.hansen@kk.dk");
        Json(read.Organisation.RoleMembers).ShouldBe(Json(gallery.RoleMembers));
        Json(read.Organisation.CompetenceCovers).ShouldBe(Json(gallery.CompetenceCovers));
        read.Organisation.Members(RoleId.Projektleder).People.ShouldHaveSingleItem().Email.Value.ShouldBe("Anne.Hansen@kk.dk");

        var second = await organisations.SaveAsync(Koebenhavn, Gallery(), 1, By("bo@kk.dk", T0.AddHours(1)), None);
        second.Current.Version.ShouldBe(2);
        var stale = await organisations.SaveAsync(Koebenhavn, MunicipalOrganisation.Empty, 1, By("anne.hansen@kk.dk", T0.AddHours(2)), None);
        stale.Saved.ShouldBeFalse();
        stale.Problem.ShouldNotBeNull().ShouldContain("bo@kk.dk");
        stale.Current.Version.ShouldBe(2);
        (await organisations.FindAsync(Koebenhavn, None))!.Organisation.People.Count.ShouldBe(1);
        (await organisations.EmptyRolesAsync(None)).ShouldBe(new Dictionary<Kommunekode, int> { [Koebenhavn] = Gallery().EmptyRoleCount });

        // Without an expected version the last save wins.
        (await organisations.SaveAsync(Koebenhavn, MunicipalOrganisation.Empty, null, By("anne.hansen@kk.dk", T0.AddHours(3)), None)).Current.Version.ShouldBe(3);
    }

    [Fact]
    public async Task ABouncedAddress_IsReadBackForTheGallery_WhateverItsCase_AndCanBeCleared()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var organisations = db.Rollout.Organisations;
        await organisations.RecordBounceAsync(EmailAddress.Parse("Anne.Hansen@kk.dk"), T0, "550 mailbox unavailable", None);
        await organisations.RecordBounceAsync(Anne, T0.AddDays(1), "552 mailbox full", None);
        await organisations.RecordBounceAsync(Anne, T0.AddHours(1), "an older report arriving late", None);
        await organisations.RecordBounceAsync(EmailAddress.Parse("someone@example.com"), T0, "550", None);

        var bounced = (await organisations.BouncedAsync([Anne, EmailAddress.Parse("bo@kk.dk")], None)).ShouldHaveSingleItem();
        bounced.Address.ShouldBe(Anne);
        bounced.At.ShouldBe(T0.AddDays(1));
        bounced.Reason.ShouldBe("552 mailbox full");
        (await organisations.BouncedAsync(null, None)).Count.ShouldBe(2);
        (await organisations.BouncedAsync([], None)).ShouldBeEmpty();
        OrganisationWarnings.Of(Gallery(), (await organisations.BouncedAsync([.. Gallery().People.Select(p => p.Email)], None)).Select(b => b.Address).ToHashSet())
            .ShouldContain(w => w.Kind == OrganisationWarningKind.BouncedAddress);

        (await organisations.ClearBounceAsync(EmailAddress.Parse("ANNE.HANSEN@kk.dk"), None)).ShouldBeTrue();
        (await organisations.BouncedAsync([Anne], None)).ShouldBeEmpty();
    }

    // CONTRACTS.md §6 task evidence: "what FeeBridge itself checked, with when" — the latest result of each check.
    [Fact]
    public async Task TheLatestResultOfEachCheck_IsKeptPerMunicipality_AndAnOlderResultDoesNotReplaceIt()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var evidence = db.Rollout.Evidence;
        await evidence.SaveAsync(Koebenhavn,
        [
            new EvidenceCheckResult(EvidenceCheckId.DebtorEndpoint, false, "Svarede ikke", T0),
            new EvidenceCheckResult(EvidenceCheckId.CutOverDates, true, "Alle 21 biblioteker har en dato", T0),
        ], None);
        await evidence.SaveAsync(Koebenhavn, [new EvidenceCheckResult(EvidenceCheckId.DebtorEndpoint, true, "Svarede på 212 ms", T0.AddHours(1))], None);
        await evidence.SaveAsync(Koebenhavn, [new EvidenceCheckResult(EvidenceCheckId.DebtorEndpoint, false, "En langsom kørsel", T0.AddMinutes(30))], None);
        await evidence.SaveAsync(Aarhus, [new EvidenceCheckResult(EvidenceCheckId.LoopTimeMeasured, true, "4 dage", T0)], None);

        var kk = await evidence.LatestAsync(Koebenhavn, None);
        kk.ShouldBe([
            new EvidenceCheckResult(EvidenceCheckId.DebtorEndpoint, true, "Svarede på 212 ms", T0.AddHours(1)),
            new EvidenceCheckResult(EvidenceCheckId.CutOverDates, true, "Alle 21 biblioteker har en dato", T0),
        ]);
        EvidenceVerdict.Of([EvidenceCheckId.DebtorEndpoint, EvidenceCheckId.CutOverDates], kk).Confirmed.ShouldBeTrue();
        var all = await evidence.LatestForAllAsync(None);
        all.Keys.OrderBy(k => k.Value, StringComparer.Ordinal).ShouldBe([Koebenhavn, Aarhus]);
        all[Aarhus].ShouldHaveSingleItem().Detail.ShouldBe("4 dage");
        (await evidence.LatestAsync(Kommunekode.Parse("461"), None)).ShouldBeEmpty();
    }
}

[Trait("store", "sqlite")]
public sealed class RolloutRecordsStoreOnSqlite() : RolloutRecordsStoreTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class RolloutRecordsStoreOnPostgres() : RolloutRecordsStoreTests(StoreKind.Postgres);
