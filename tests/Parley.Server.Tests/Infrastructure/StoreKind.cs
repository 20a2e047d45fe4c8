namespace Parley.Server.Tests.Infrastructure;

/// <summary>The two stores every API test runs against.</summary>
public enum StoreKind { Sqlite, Postgres }
