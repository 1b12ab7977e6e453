using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeeBridge.Sandbox;

/// <summary>
/// Where the sandboxes reach FeeBridge, as FBS and a debtor system would: over HTTP, at a base address such as
/// <c>http://127.0.0.1:5000</c>. On its own the sandbox reads <c>Sandbox:FeeBridgeUrl</c>; inside FeeBridge (sandbox mode)
/// the server registers its own address instead. Null while unknown: the sandboxes then keep what they would send.
/// </summary>
public sealed class FeeBridgeAddress(Func<Uri?> resolve)
{
    public Uri? Base => resolve();

    /// <summary>An absolute address under FeeBridge, e.g. <c>/sf1590/DaekningAfskrivningRegistrering</c>; null while unknown.</summary>
    public Uri? Of(string path) => Base is { } b ? new Uri(b, path) : null;

    /// <summary>Registers the address from configuration unless the host registered one already.</summary>
    public static void AddFromConfiguration(IServiceCollection services) =>
        services.TryAddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            return new FeeBridgeAddress(() => configuration["Sandbox:FeeBridgeUrl"] is { Length: > 0 } url ? new Uri(url) : null);
        });
}
