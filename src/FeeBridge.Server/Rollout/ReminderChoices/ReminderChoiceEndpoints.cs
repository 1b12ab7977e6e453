using System.Globalization;
using System.Text.Json;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Reminders;
using FeeBridge.Server.Staff;

namespace FeeBridge.Server.Rollout.ReminderChoices;

/// <summary>
/// <c>GET|PUT /api/v1/rollout/municipalities/{kommunekode}/reminder-preferences</c>: each person's deadline reminders
/// (<see cref="PersonReminderChoices"/>). The address travels in the body, not the path, so it is not in access logs.
/// </summary>
public static class ReminderChoiceEndpoints
{
    public sealed record ChoicesJson(int[] DaysBefore, int? RepeatOverdueEveryDays, string SendFrom);
    public sealed record PersonJson(string Email, string Name, bool Own, ChoicesJson Reminders, string Summary, DateTimeOffset? UpdatedAt, string? UpdatedBy);
    public sealed record ListJson(ChoicesJson Default, IReadOnlyList<PersonJson> People);

    public static RouteGroupBuilder MapReminderChoices(this RouteGroupBuilder rollout)
    {
        rollout.MapGet("/municipalities/{kommunekode}/reminder-preferences", List)
            .Produces<ListJson>()
            .WithSummary("The reminders each person of the role gallery gets (their own choices or the default); a person signed in sees their own.");
        rollout.MapPut("/municipalities/{kommunekode}/reminder-preferences", Put)
            .Produces<PersonJson>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("{email, daysBefore: [0|1|3|7…], repeatOverdueEveryDays: 1–31|null, sendFrom: \"HH:mm\"} or {email, useDefault: true}; audited.");
        return rollout;
    }

    private static async Task<IResult> List(HttpContext http, string kommunekode, PersonReminderChoices choices, CancellationToken ct)
    {
        if (MunicipalityScope.Unknown(kommunekode, out var code) is { } unknown) return unknown;
        var user = MunicipalityScope.User(http);
        var people = await choices.ListAsync(user, code, ct);
        if (!user.MayReadRollout(code.Value) && people.Count == 0)
            return StaffEndpoints.Forbidden("Project leaders see only their own municipality; others see only their own reminders.");
        return Results.Ok(new ListJson(Json(choices.Default), [.. people.Select(Json)]));
    }

    private static async Task<IResult> Put(HttpContext http, string kommunekode, PersonReminderChoices choices, CancellationToken ct)
    {
        if (MunicipalityScope.Unknown(kommunekode, out var code) is { } unknown) return unknown;
        var (doc, problem) = await JsonBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        using var _ = doc;
        var (person, wanted, errors) = Read(doc!.RootElement);
        if (errors.Any) return Problems.Validation(errors);
        var (outcome, forbidden) = await choices.SaveAsync(MunicipalityScope.User(http), code, person, wanted, ct);
        if (forbidden) return StaffEndpoints.Forbidden(outcome.Refusals[0].Reason);
        if (!outcome.IsAccepted)
        {
            foreach (var r in outcome.Refusals) errors.Add(r.Field, r.Reason);
            return Problems.Validation(errors);
        }
        return Results.Ok(Json(outcome.Value!));
    }

    private static (EmailAddress Person, ReminderPreferences? Wanted, FieldErrors Errors) Read(JsonElement root)
    {
        var errors = new FieldErrors();
        EmailAddress person = default;
        if (root.ValueKind != JsonValueKind.Object) { errors.Add("$", "Must be an object."); return (person, null, errors); }
        foreach (var p in root.EnumerateObject())
            if (p.Name is not ("email" or "daysBefore" or "repeatOverdueEveryDays" or "sendFrom" or "useDefault")) errors.Add(p.Name, "Not a field of reminder choices.");
        if (!root.TryGetProperty("email", out var e) || e.ValueKind != JsonValueKind.String) errors.Add("email", "Required: the person's e-mail address.");
        else if (!EmailAddress.TryParse(e.GetString(), out person, out var why)) errors.Add("email", why ?? "Not an e-mail address.");

        if (root.TryGetProperty("useDefault", out var d))
        {
            if (d.ValueKind != JsonValueKind.True) errors.Add("useDefault", "Only true, to go back to the default; leave it out otherwise.");
            else if (root.TryGetProperty("daysBefore", out _) || root.TryGetProperty("repeatOverdueEveryDays", out _) || root.TryGetProperty("sendFrom", out _))
                errors.Add("useDefault", "Either the default or choices of one's own, not both.");
            return (person, null, errors);
        }
        var days = new List<int>();
        if (!root.TryGetProperty("daysBefore", out var b) || b.ValueKind != JsonValueKind.Array) errors.Add("daysBefore", "Required: a list of 0, 1, 3 and 7 (empty for none).");
        else foreach (var x in b.EnumerateArray())
        {
            if (x.ValueKind == JsonValueKind.Number && x.TryGetInt32(out var n)) days.Add(n);
            else errors.Add("daysBefore", "Each must be a whole number of days: 0, 1, 3 or 7.");
        }
        int? every = null;
        if (!root.TryGetProperty("repeatOverdueEveryDays", out var r)) errors.Add("repeatOverdueEveryDays", "Required: days between reminders while overdue, or null for none.");
        else if (r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var n)) every = n;
        else if (r.ValueKind != JsonValueKind.Null) errors.Add("repeatOverdueEveryDays", "Must be a whole number of days (1–31) or null.");
        TimeOnly? from = null;
        if (root.TryGetProperty("sendFrom", out var f))
        {
            if (f.ValueKind == JsonValueKind.String && TimeOnly.TryParseExact(f.GetString(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) from = t;
            else errors.Add("sendFrom", "Must be a Copenhagen clock time as HH:mm, e.g. \"08:00\".");
        }
        if (errors.Any) return (person, null, errors);
        var made = ReminderPreferences.Create(days, every, from);
        foreach (var refusal in made.Refusals) errors.Add(refusal.Field, refusal.Reason);
        return (person, made.Value, errors);
    }

    private static ChoicesJson Json(ReminderPreferences p) =>
        new([.. p.Before.Select(o => (int)o).OrderDescending()], p.RepeatOverdueEveryDays, p.SendFrom.ToString("HH:mm", CultureInfo.InvariantCulture));

    private static PersonJson Json(PersonReminders p) =>
        new(p.Person.Email.Value, p.Person.Name, p.Own, Json(p.Preferences), PersonReminderChoices.Describe(p.Preferences), p.UpdatedAt, p.UpdatedBy);
}
