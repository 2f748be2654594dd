using System;
using System.Collections.Generic;
using Omm.Engine.Notifications;

namespace Omm.Engine.State
{
    /// <summary>A project's options as stored: they apply to migrations added to it later.</summary>
    public sealed class ProjectSettings
    {
        public ProjectSettings(string name, DateTimeOffset createdAt, IReadOnlyList<ItemType>? include, int? throttleLimit,
            IReadOnlyList<string> includeFolders, IReadOnlyList<string> excludeFolders, NotificationSettings? notifications,
            byte[]? keySalt, byte[]? keyCheck)
        {
            Name = name;
            CreatedAt = createdAt;
            Include = include;
            ThrottleLimit = throttleLimit;
            IncludeFolders = includeFolders;
            ExcludeFolders = excludeFolders;
            Notifications = notifications;
            KeySalt = keySalt;
            KeyCheck = keyCheck;
        }

        public const int DefaultThrottleLimit = 4;

        public string Name { get; }

        public DateTimeOffset CreatedAt { get; }

        public IReadOnlyList<ItemType>? Include { get; }

        public int? ThrottleLimit { get; }

        public IReadOnlyList<string> IncludeFolders { get; }

        public IReadOnlyList<string> ExcludeFolders { get; }

        public NotificationSettings? Notifications { get; }

        /// <summary>Salt of the project password's key; null when no credentials are stored.</summary>
        public byte[]? KeySalt { get; }

        public byte[]? KeyCheck { get; }

        public static ProjectSettings New(string name) =>
            new ProjectSettings(name, DateTimeOffset.UtcNow, null, null, new string[0], new string[0], null, null, null);

        public ProjectSettings With(IReadOnlyList<ItemType>? include = null, int? throttleLimit = null, IReadOnlyList<string>? includeFolders = null,
            IReadOnlyList<string>? excludeFolders = null, NotificationSettings? notifications = null, byte[]? keySalt = null, byte[]? keyCheck = null) =>
            new ProjectSettings(Name, CreatedAt, include ?? Include, throttleLimit ?? ThrottleLimit, includeFolders ?? IncludeFolders,
                excludeFolders ?? ExcludeFolders, notifications ?? Notifications, keySalt ?? KeySalt, keyCheck ?? KeyCheck);
    }
}
