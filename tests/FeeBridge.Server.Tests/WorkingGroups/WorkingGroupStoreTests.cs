using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.WorkingGroups;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.WorkingGroups;

/// <summary>
/// The working groups' store on both databases: the group kept as defined; applications decided under the group's
/// lock, so eight project-leader clicks from one municipality at once give one seat (CONTRACTS.md §7: "a second
/// application from the same municipality for the same track → 409"); the lottery and the draw written once each.
/// </summary>
public abstract class WorkingGroupStoreTests(StoreKind kind)
{
    private static readonly DateTimeOffset Now = new(2027, 2, 1, 9, 0, 0, TimeSpan.Zero);

    private static WorkingGroup Group(string id) =>
        WorkingGroupValidation.Validate(Fbs2WorkingGroup.Draft("2027-03-03") with { Id = id }, MunicipalityRegister.Denmark).Value!;

    private static MunicipalOrganisation Gallery(string email) => OrganisationValidation.Validate(new OrganisationDraft(
        [new RoleDraft("projektleder", [new PersonDraft("Anne", email, true)])], [])).Value!;

    [Fact]
    public async Task TheGroup_IsKeptAsDefined_AndItsIdOnlyOnce()
    {
        using var host = new FeeBridgeHost(kind);
        var store = host.Store.Rollout.WorkingGroups;
        (await store.CreateAsync(Group("gemt"), Now, "kombit", default)).ShouldBeTrue();
        (await store.CreateAsync(Group("gemt") with { Title = "Anden" }, Now, "kombit", default)).ShouldBeFalse();
        var kept = (await store.FindAsync("gemt", default))!;
        kept.Group.Title.ShouldBe("FBS 2.0 implementeringsarbejdsgruppe");
        kept.Group.Tracks.ShouldBe(Group("gemt").Tracks, ignoreOrder: false, comparer: new TrackComparer());
        kept.Group.Quotas.ShouldBe(Group("gemt").Quotas);
        kept.Group.Deadline.ShouldBe(Group("gemt").Deadline);
    }

    [Fact]
    public async Task EightApplicationsAtOnceFromOneMunicipality_GiveOneSeat()
    {
        using var host = new FeeBridgeHost(kind);
        var store = host.Store.Rollout.WorkingGroups;
        var group = Group("samtidig");
        await store.CreateAsync(group, Now, "kombit", default);
        var municipality = Kommunekode.Parse("330");
        var decisions = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => store.ApplyAsync(group.Id, existing =>
            SignUpRules.Decide(group, new ApplicationDraft("implementering", "Anne", "anne@slagelse.dk", "projektleder", "folkebibliotek"),
                municipality, Gallery("anne@slagelse.dk"), existing, $"ans-{i}", "projektleder-330", Now), default)));
        decisions.Count(d => d.IsAccepted).ShouldBe(1);
        decisions.Count(d => d.Kind == SignUpRefusalKind.Conflict).ShouldBe(7);
        var stored = await store.ApplicationsAsync(group.Id, default);
        stored.Single().ShouldBe(decisions.Single(d => d.IsAccepted).Application);
        (await store.FindApplicationAsync(group.Id, stored[0].Id, default)).ShouldBe(stored[0]);
    }

    [Fact]
    public async Task TheLotteryAndTheDraw_AreWrittenOnce_TheFirstStands()
    {
        using var host = new FeeBridgeHost(kind);
        var store = host.Store.Rollout.WorkingGroups;
        await store.CreateAsync(Group("en-gang"), Now, "kombit", default);
        (await store.LotteryAsync("en-gang", default)).ShouldBeNull();
        var first = await store.SaveLotteryAsync("en-gang", "list one", "hash1", "{}", Now, "kombit", default);
        var second = await store.SaveLotteryAsync("en-gang", "list two", "hash2", "{}", Now.AddMinutes(1), "admin", default);
        (first.LotteryHash, second.LotteryHash, second.PreparedBy).ShouldBe(("hash1", "hash1", "kombit"));
        var drawn = await store.SaveDrawAsync("en-gang", "7 13 21", "{\"tracks\":[]}", Now.AddHours(1), "kombit", default);
        var again = await store.SaveDrawAsync("en-gang", "andet", "{\"tracks\":[1]}", Now.AddHours(2), "admin", default);
        (drawn!.RandomValue, again!.RandomValue, again.Draw, again.DrawnBy).ShouldBe(("7 13 21", "7 13 21", "{\"tracks\":[]}", "kombit"));
    }

    private sealed class TrackComparer : IEqualityComparer<WorkingGroupTrack>
    {
        public bool Equals(WorkingGroupTrack? a, WorkingGroupTrack? b) =>
            a is not null && b is not null && (a.Id, a.Title, a.SeatsMin, a.SeatsMax) == (b.Id, b.Title, b.SeatsMin, b.SeatsMax) && a.Roles.SequenceEqual(b.Roles);
        public int GetHashCode(WorkingGroupTrack t) => t.Id.GetHashCode(StringComparison.Ordinal);
    }
}

[Trait("store", "sqlite")]
public sealed class WorkingGroupStoreOnSqlite() : WorkingGroupStoreTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class WorkingGroupStoreOnPostgres() : WorkingGroupStoreTests(StoreKind.Postgres);
