using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Server.Data.Audit;

internal sealed class AuditBatchEntityTypeConfiguration : IEntityTypeConfiguration<AuditBatchEntity>
{
    public void Configure(EntityTypeBuilder<AuditBatchEntity> builder)
    {
        builder.ToTable("AuditBatches");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Journal).HasMaxLength(16);
        // A batch replayed after an outage is stored once.
        builder.HasIndex(b => new { b.HostId, b.Journal, b.Batch }).IsUnique().HasDatabaseName("IX_AuditBatches_Key");
        builder.HasIndex(b => new { b.HostId, b.At }).HasDatabaseName("IX_AuditBatches_Host_At");
    }
}
