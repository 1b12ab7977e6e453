using FeeBridge.Domain.Routing;

namespace FeeBridge.Server.Staff.Pages.Console;

/// <summary>The desk's search form, on the search page (focused) and above a patron (reached with "/").</summary>
public sealed record DeskSearchForm(IReadOnlyList<AgencySettings> Agencies, string? Bibliotek, string? Q, bool Focus);
