using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Server.Data.Secrets;

internal sealed class SecretRevealEntityTypeConfiguration : IEntityTypeConfiguration<SecretRevealEntity>
{
    public void Configure(EntityTypeBuilder<SecretRevealEntity> builder)
    {
        builder.ToTable("SecretReveals");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.User).HasMaxLength(256).IsRequired();
        builder.Property(r => r.Host).HasMaxLength(63).IsRequired();
        builder.Property(r => r.Container).HasMaxLength(256).IsRequired();
        builder.Property(r => r.Variable).HasMaxLength(1024).IsRequired();
        builder.HasIndex(r => r.At);
    }
}
