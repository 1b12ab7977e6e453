namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>One FeeBridge host per test class and store; tests keep out of each other's way with their own ids.</summary>
public abstract class HostFixture(StoreKind kind) : IDisposable
{
    public FeeBridgeHost Host { get; } = new(kind);
    public void Dispose() => Host.Dispose();
}

public sealed class SqliteHost() : HostFixture(StoreKind.Sqlite);

public sealed class PostgresHost() : HostFixture(StoreKind.Postgres);
