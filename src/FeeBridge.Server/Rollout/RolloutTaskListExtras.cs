namespace FeeBridge.Server.Rollout;

/// <summary>
/// The calls around a municipality's task list (issue 15 part 4): the PDF, CSV and Excel exports, the calendar links
/// and the attachments, mapped into the rollout API's group by one call from <see cref="RolloutEndpoints.MapRolloutApi"/>.
/// </summary>
public static class RolloutTaskListExtras
{
    public static void MapTaskListExtras(this RouteGroupBuilder rollout, IEndpointRouteBuilder app)
    {
        rollout.MapTaskExports();
        rollout.MapCalendarFeeds(app, "/api/v1/rollout");
        rollout.MapTaskAttachments();
    }
}
