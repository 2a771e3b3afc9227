using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Server.Data.Audit;

/// <summary>
/// No foreign keys (each would cost a lookup per appended row) and one index per contract filter, each ending in the
/// time so "newest first within a range" walks the index backwards and stops after the page.
/// </summary>
internal sealed class AuditEntryEntityTypeConfiguration : IEntityTypeConfiguration<AuditEntryEntity>
{
    public void Configure(EntityTypeBuilder<AuditEntryEntity> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => e.At).HasDatabaseName("IX_AuditEntries_At");
        builder.HasIndex(e => new { e.HostId, e.At }).HasDatabaseName("IX_AuditEntries_Host_At");
        builder.HasIndex(e => new { e.ContainerId, e.At }).HasDatabaseName("IX_AuditEntries_Container_At")
            .HasFilter("\"ContainerId\" IS NOT NULL");
        builder.HasIndex(e => new { e.ChainId, e.At }).HasDatabaseName("IX_AuditEntries_Chain_At");
        builder.HasIndex(e => new { e.CauseId, e.At }).HasDatabaseName("IX_AuditEntries_Cause_At");
    }
}
