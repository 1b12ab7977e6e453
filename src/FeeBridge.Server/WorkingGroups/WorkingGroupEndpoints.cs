using System.Text;
using System.Text.Json;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Selection;
using FeeBridge.Rollout.WorkingGroups;
using FeeBridge.Server.Rollout;
using FeeBridge.Server.Staff;

namespace FeeBridge.Server.WorkingGroups;

/// <summary>
/// Working groups (CONTRACTS.md §7, base <c>/api/v1/working-groups</c>, staff sign-in): KOMBIT creates a group, project
/// leaders apply for their own municipality, KOMBIT sees counts (never names) until the selection, prepares the
/// lottery after the deadline (its hash published before the draw) and draws it with a public random value; each
/// applicant sees their chance, outcome and reason. Every change is in the audit log.
/// </summary>
public static class WorkingGroupEndpoints
{
    public sealed record ApplicationAnswer(string ApplicationId, string Receipt);

    public static void MapWorkingGroupApi(this IEndpointRouteBuilder app)
    {
        var groups = app.MapStaffGroup("/api/v1/working-groups", "Working groups");
        groups.MapPost("/", Create).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("KOMBIT/admin: a group with tracks, quotas on region/size/libraryType, a deadline; impossible quotas are refused with the smallest change.");
        groups.MapGet("/", List).WithSummary("Every group, as GET /{id}.");
        groups.MapGet("/{id}", Get).WithSummary("The group, its tracks and quotas, and counts of applications per feature (never names).");
        groups.MapPost("/{id}/applications", Apply).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("A project leader for their own municipality: {track, name, email, role, libraryType} → 201 {applicationId}; a receipt is mailed.");
        groups.MapGet("/{id}/applications/{applicationId}", Applicant)
            .WithSummary("The applicant (their municipality's project leader) or KOMBIT: the chance, the outcome and the reason in Danish.");
        groups.MapPost("/{id}/lottery", PrepareLottery).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("KOMBIT/admin, after the deadline: compute LEXIMIN and the 1,000-panel lottery; returns its hash to publish before the draw.");
        groups.MapGet("/{id}/lottery", LotteryList)
            .WithSummary("The published lottery list (text/plain; its SHA-256 is lotteryHash), once prepared.");
        groups.MapPost("/{id}/selection", Select).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("KOMBIT/admin, after the deadline: {randomValue} → the drawn panel per track; the same lottery and value always give the same result.");
        groups.MapGet("/{id}/selection", Selection).WithSummary("KOMBIT/admin: the selection as POST returned it.");
        groups.MapGet("/{id}/selection.csv", SelectionCsv).WithSummary("KOMBIT/admin: every applicant's chance and outcome, as CSV; names once drawn.");
    }

    private static IResult NoGroup() => Problems.Result(StatusCodes.Status404NotFound, "No such working group", "There is no working group with this id.");
    private static IResult OnlyKombit() => StaffEndpoints.Forbidden("Only KOMBIT and administrators do this.");

    private static async Task<IResult> Create(HttpContext http, FeeBridgeStore store, StaffAudit audit, TimeProvider clock, CancellationToken ct)
    {
        var user = MunicipalityScope.User(http);
        if (!user.SeesEveryMunicipality) return OnlyKombit();
        var (doc, problem) = await JsonBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        using var _ = doc;
        WorkingGroupDraft? draft;
        try { draft = doc!.RootElement.Deserialize<WorkingGroupDraft>(RolloutJson.Options); }
        catch (JsonException) { draft = null; }
        if (draft is null) return Problems.Result(StatusCodes.Status422UnprocessableEntity, "Not a working group", "Send {id, title, deadline, tracks, quotas, onePersonOneTrack} as in CONTRACTS.md §7.");
        var outcome = WorkingGroupValidation.Validate(draft, MunicipalityRegister.Denmark);
        if (!outcome.IsAccepted) return Refused(outcome.Refusals);
        var infeasible = QuotaFeasibility.CheckGroup(outcome.Value, MunicipalityRegister.Denmark).Where(r => !r.Feasible).ToList();
        if (infeasible.Count > 0)
            return Refused([.. infeasible.Select(r => new FeeBridge.Rollout.Refusal("quotas",
                $"Kvoterne for sporet {r.Track} kan ikke opfyldes af noget panel. Mindste ændring: " + string.Join(" ", r.Danish)))]);
        if (!await store.Rollout.WorkingGroups.CreateAsync(outcome.Value, clock.GetUtcNow(), user.UserName, ct))
            return Problems.Result(StatusCodes.Status409Conflict, "The group exists", $"A working group with id '{outcome.Value.Id}' exists already.");
        await audit.RecordAsync(user, "rollout.working-group.created", $"working-group/{outcome.Value.Id}", null,
            $"{outcome.Value.Tracks.Count} tracks, {outcome.Value.Quotas.Count} quotas, deadline {WorkingGroupJson.Instant(outcome.Value.Deadline)}", ct);
        return Results.Created($"/api/v1/working-groups/{outcome.Value.Id}", WorkingGroupJson.Group(outcome.Value, [], null, clock.GetUtcNow()));
    }

    private static IResult Refused(IReadOnlyList<FeeBridge.Rollout.Refusal> refusals)
    {
        var errors = new FieldErrors();
        foreach (var r in refusals) errors.Add(r.Field, r.Reason);
        return Problems.Validation(errors);
    }

    private static async Task<IResult> List(FeeBridgeStore store, WorkingGroupSelections selections, TimeProvider clock, CancellationToken ct)
    {
        var list = new List<WorkingGroupJson.GroupJson>();
        foreach (var g in await store.Rollout.WorkingGroups.AllAsync(ct))
            list.Add(WorkingGroupJson.Group(g.Group, await store.Rollout.WorkingGroups.ApplicationsAsync(g.Group.Id, ct), await selections.FindAsync(g.Group.Id, ct), clock.GetUtcNow()));
        return Results.Ok(list);
    }

    private static async Task<IResult> Get(string id, FeeBridgeStore store, WorkingGroupSelections selections, TimeProvider clock, CancellationToken ct)
    {
        if (await store.Rollout.WorkingGroups.FindAsync(id, ct) is not { } g) return NoGroup();
        return Results.Ok(WorkingGroupJson.Group(g.Group, await store.Rollout.WorkingGroups.ApplicationsAsync(id, ct), await selections.FindAsync(id, ct), clock.GetUtcNow()));
    }

    private static async Task<IResult> Apply(HttpContext http, string id, FeeBridgeStore store, WorkingGroupSignUps signUps, CancellationToken ct)
    {
        var user = MunicipalityScope.User(http);
        var leaderOf = user.Roles.Where(r => r.Role == StaffRole.ProjectLeader && r.Scope is not null).Select(r => r.Scope!).ToList();
        if (leaderOf.Count == 0) return StaffEndpoints.Forbidden("Only a municipality's project leader applies, for their own municipality.");
        if (await store.Rollout.WorkingGroups.FindAsync(id, ct) is not { } g) return NoGroup();
        var (doc, problem) = await JsonBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        using var _ = doc;
        ApplicationDraft? draft;
        try { draft = doc!.RootElement.Deserialize<ApplicationDraft>(RolloutJson.Options); }
        catch (JsonException) { draft = null; }
        if (draft is null) return Problems.Result(StatusCodes.Status422UnprocessableEntity, "Not an application", "Send {track, name, email, role, libraryType}.");
        // A person leading several municipalities names which in "kommunekode"; one alone needs not.
        var named = doc!.RootElement.TryGetProperty("kommunekode", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        var municipalityText = named ?? (leaderOf.Count == 1 ? leaderOf[0] : null);
        if (municipalityText is null || !leaderOf.Contains(municipalityText))
            return named is null
                ? Refused([new("kommunekode", "Du er projektleder i flere kommuner; angiv kommunekode.")])
                : StaffEndpoints.Forbidden("A project leader applies only for their own municipality.");
        var result = await signUps.ApplyAsync(user, g.Group, Kommunekode.Parse(municipalityText), draft, ct);
        var decision = result.Decision;
        if (!decision.IsAccepted)
        {
            return decision.Kind == SignUpRefusalKind.Conflict
                ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not possible now", detail: decision.Refusals[0].Reason,
                    extensions: new Dictionary<string, object?> { ["errors"] = decision.Refusals.GroupBy(r => r.Field).ToDictionary(x => x.Key, x => x.Select(r => r.Reason).ToArray()) })
                : Refused(decision.Refusals);
        }
        var a = decision.Application!;
        return Results.Created($"/api/v1/working-groups/{id}/applications/{a.Id}", new ApplicationAnswer(a.Id, result.Receipt!));
    }

    private static async Task<IResult> Applicant(HttpContext http, string id, string applicationId, FeeBridgeStore store, WorkingGroupSelections selections, CancellationToken ct)
    {
        if (await store.Rollout.WorkingGroups.FindAsync(id, ct) is not { } g) return NoGroup();
        if (await store.Rollout.WorkingGroups.FindApplicationAsync(id, applicationId, ct) is not { } a)
            return Problems.Result(StatusCodes.Status404NotFound, "No such application", "The group has no application with this id.");
        var user = MunicipalityScope.User(http);
        if (!user.MayReadRollout(a.Municipality.Value)) return StaffEndpoints.Forbidden("Only the applicant's municipality and KOMBIT see an application.");
        return Results.Ok(WorkingGroupJson.Applicant(g.Group, a, await selections.FindAsync(id, ct)));
    }

    /// <summary>The group if the caller is KOMBIT/admin and sign-up has closed; otherwise the problem.</summary>
    private static async Task<(WorkingGroup? Group, IResult? Problem)> ClosedGroupAsync(HttpContext http, string id, FeeBridgeStore store, TimeProvider clock, CancellationToken ct)
    {
        if (!MunicipalityScope.User(http).SeesEveryMunicipality) return (null, OnlyKombit());
        if (await store.Rollout.WorkingGroups.FindAsync(id, ct) is not { } g) return (null, NoGroup());
        if (!g.Group.IsClosedAt(clock.GetUtcNow()))
            return (null, Problems.Result(StatusCodes.Status409Conflict, "Sign-up is open", $"Tilmeldingen er åben {DanishDeadline.Text(g.Group.Deadline)}; der udvælges først efter fristen."));
        return (g.Group, null);
    }

    private static async Task<IResult> PrepareLottery(HttpContext http, string id, FeeBridgeStore store, WorkingGroupSelections selections, StaffAudit audit, TimeProvider clock, CancellationToken ct)
    {
        var (group, problem) = await ClosedGroupAsync(http, id, store, clock, ct);
        if (problem is not null) return problem;
        var user = MunicipalityScope.User(http);
        var before = await selections.FindAsync(id, ct);
        var prepared = before ?? await selections.PrepareAsync(group!, user.UserName, ct);
        if (before is null)
            await audit.RecordAsync(user, "rollout.working-group.lottery-prepared", $"working-group/{id}", null, $"lottery {prepared.Lottery.Hash}", ct);
        return Results.Ok(WorkingGroupJson.Selection(prepared));
    }

    private static async Task<IResult> LotteryList(string id, WorkingGroupSelections selections, CancellationToken ct) =>
        await selections.FindAsync(id, ct) is { } s
            ? Results.Text(s.Lottery.Text, "text/plain; charset=utf-8", Encoding.UTF8)
            : Problems.Result(StatusCodes.Status404NotFound, "No lottery yet", "The group's lottery is prepared after the deadline.");

    private static async Task<IResult> Select(HttpContext http, string id, FeeBridgeStore store, WorkingGroupSelections selections, StaffAudit audit, TimeProvider clock, CancellationToken ct)
    {
        var (group, problem) = await ClosedGroupAsync(http, id, store, clock, ct);
        if (problem is not null) return problem;
        var (doc, bodyProblem) = await JsonBody.ReadAsync(http.Request);
        if (bodyProblem is not null) return bodyProblem;
        using var _ = doc;
        var randomValue = doc!.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("randomValue", out var v) ? v.ToString().Trim() : "";
        if (randomValue.Length is 0 or > 500)
            return Refused([new("randomValue", "Det offentlige tilfældige tal mangler (højst 500 tegn), fx dagens lottotal, fastlagt på forhånd.")]);
        var user = MunicipalityScope.User(http);
        var prepared = await selections.FindAsync(id, ct);
        if (prepared is null)
        {
            prepared = await selections.PrepareAsync(group!, user.UserName, ct);
            await audit.RecordAsync(user, "rollout.working-group.lottery-prepared", $"working-group/{id}", null, $"lottery {prepared.Lottery.Hash}", ct);
        }
        var wasDrawn = prepared.Draw is not null;
        var drawn = await selections.DrawAsync(prepared, randomValue, user.UserName, ct);
        if (!string.Equals(drawn.Stored.RandomValue, randomValue, StringComparison.Ordinal))
            return Problems.Result(StatusCodes.Status409Conflict, "Drawn already", "Der er allerede trukket lod med et andet tilfældigt tal; resultatet står.");
        if (!wasDrawn)
            await audit.RecordAsync(user, "rollout.working-group.drawn", $"working-group/{id}", null,
                $"random value {randomValue}; " + string.Join(", ", drawn.Draw!.Tracks.Select(t => $"{t.Track} panel {t.Index}")), ct);
        return Results.Ok(WorkingGroupJson.Selection(drawn));
    }

    private static async Task<IResult> Selection(HttpContext http, string id, WorkingGroupSelections selections, CancellationToken ct)
    {
        if (!MunicipalityScope.User(http).SeesEveryMunicipality) return OnlyKombit();
        return await selections.FindAsync(id, ct) is { } s ? Results.Ok(WorkingGroupJson.Selection(s))
            : Problems.Result(StatusCodes.Status404NotFound, "No selection yet", "The group's lottery is prepared after the deadline.");
    }

    private static async Task<IResult> SelectionCsv(HttpContext http, string id, FeeBridgeStore store, WorkingGroupSelections selections, CancellationToken ct)
    {
        if (!MunicipalityScope.User(http).SeesEveryMunicipality) return OnlyKombit();
        if (await store.Rollout.WorkingGroups.FindAsync(id, ct) is not { } g) return NoGroup();
        if (await selections.FindAsync(id, ct) is not { } s) return Problems.Result(StatusCodes.Status404NotFound, "No selection yet", "The group's lottery is prepared after the deadline.");
        var applications = await store.Rollout.WorkingGroups.ApplicationsAsync(id, ct);
        return Results.File(SelectionCsvFile.Render(g.Group, applications, s), TaskListCsv.ContentType, $"{id}-udvaelgelse.csv");
    }
}
