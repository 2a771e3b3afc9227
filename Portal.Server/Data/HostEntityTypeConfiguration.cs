using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Server.Data;

internal sealed class HostEntityTypeConfiguration : IEntityTypeConfiguration<HostEntity>
{
    public void Configure(EntityTypeBuilder<HostEntity> builder)
    {
        builder.ToTable("Hosts");
        builder.HasKey(h => h.Id);
        // Host names are DNS labels, which compare case-insensitively.
        builder.Property(h => h.Name).HasMaxLength(63).UseCollation("NOCASE").IsRequired();
        builder.HasIndex(h => h.Name).IsUnique();
        builder.Property(h => h.TokenHash).HasMaxLength(32).IsRequired();
        builder.HasIndex(h => h.TokenHash).IsUnique();
        builder.Property(h => h.DockerVersion).HasMaxLength(64);
        builder.HasOne(h => h.State).WithOne().HasForeignKey<HostStateEntity>(s => s.HostId).OnDelete(DeleteBehavior.Cascade);
    }
}
