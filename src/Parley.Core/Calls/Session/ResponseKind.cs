namespace Parley.Core.Calls.Session;

/// <summary>Why a reply exists.</summary>
public enum ResponseKind { Model, FirstMessage, Say, IdleMessage, HookSay, SilenceTimeout }
