using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Staff;

namespace FeeBridge.Server.Rollout;

/// <summary>
/// The access rules of <see cref="RolloutEndpoints"/> for the calls around a municipality's task list (exports,
/// calendar links, attachments): 404 for an unknown kommunekode, then 403 unless the caller may read
/// (<see cref="StaffUser.MayReadRollout"/>) or change (<see cref="StaffUser.MayChangeRollout"/>) that municipality.
/// The same rules as the list itself, so an export never shows more than the list would.
/// </summary>
internal static class MunicipalityScope
{
    public static StaffUser User(HttpContext http) => StaffUser.From(http.User)!;

    /// <summary>Null when the caller may go on (with <paramref name="code"/> set); otherwise the 404 or 403 to answer.</summary>
    public static IResult? Denied(HttpContext http, string kommunekode, bool change, out Kommunekode code)
    {
        if (Unknown(kommunekode, out code) is { } unknown) return unknown;
        var user = User(http);
        if (change ? !user.MayChangeRollout(code.Value) : !user.MayReadRollout(code.Value))
            return StaffEndpoints.Forbidden(change ? "Only the municipality's own project leader changes its workspace." : "Project leaders see only their own municipality.");
        return null;
    }

    /// <summary>The 404 for a kommunekode that is none of the 98, else null (with <paramref name="code"/> set), for calls with access rules of their own.</summary>
    public static IResult? Unknown(string kommunekode, out Kommunekode code) =>
        Kommunekode.TryParse(kommunekode, out code, out _) && MunicipalityRegister.Denmark.Find(code) is not null ? null
            : Problems.Result(StatusCodes.Status404NotFound, "No such municipality", "There is no municipality with this kommunekode.");

    /// <summary>Today in Europe/Copenhagen, the day deadlines are measured against.</summary>
    public static DateOnly Today(TimeProvider clock) => Domain.Routing.PaymentDeadline.LocalDate(clock.GetUtcNow());

    public static IResult NoTask() => Problems.Result(StatusCodes.Status404NotFound, "No such task", "The municipality has no task with this id.");

    /// <summary>
    /// The filters of <c>GET …/tasks</c> (status and person checked as there), or the 422 saying which is wrong.
    /// </summary>
    public static (TaskFilter? Filter, IResult? Problem) Filter(string? phase, string? theme, string? wave, string? status, string? person, bool? overdue)
    {
        var errors = new FieldErrors();
        MunicipalTaskStatus? statusFilter = null;
        if (status is not null)
        {
            if (MunicipalTaskStatuses.TryParse(status, out var s)) statusFilter = s;
            else errors.Add("status", "Must be not-started, in-progress, done or not-relevant.");
        }
        EmailAddress? personFilter = null;
        if (person is not null)
        {
            if (EmailAddress.TryParse(person, out var e, out _)) personFilter = e;
            else errors.Add("person", "Must be an e-mail address.");
        }
        return errors.Any ? (null, Problems.Validation(errors)) : (new TaskFilter(phase, theme, wave, statusFilter, personFilter, overdue ?? false), null);
    }
}
