using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Server.Data.Audit;

internal sealed class AuditHostEntityTypeConfiguration : IEntityTypeConfiguration<AuditHostEntity>
{
    public void Configure(EntityTypeBuilder<AuditHostEntity> builder)
    {
        builder.ToTable("AuditHosts");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Name).HasMaxLength(63).UseCollation("NOCASE");
        builder.HasIndex(h => h.Name).IsUnique();
    }
}
