import { Badge, Center, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconPointFilled } from '@tabler/icons-react';
import { ScreenHeader } from '../../components/ScreenHeader.js';
import { sections } from '../../app/navigation/sections.js';
import { upcomingSections, type UpcomingSectionId } from './upcomingSections.js';

/** A section that is planned but not built: says what it will do, and does not pretend to. */
export function UpcomingScreen({ section }: { section: UpcomingSectionId }) {
  const { title, purpose, plans } = upcomingSections[section];
  const Icon = sections.find((s) => s.id === section)?.icon;
  return (
    <Stack h="100%" gap={0}>
      <ScreenHeader title={title} />
      <Center flex={1} p="xl" style={{ overflow: 'auto' }}>
        <Stack align="center" gap="md" maw={560} data-testid="upcoming-section">
          {Icon && (
            <ThemeIcon size={56} radius="xl" variant="light" color="gray">
              <Icon size={30} stroke={1.5} />
            </ThemeIcon>
          )}
          <Stack align="center" gap={6}>
            <Title order={2}>{title}</Title>
            <Badge variant="outline" color="gray">
              Not built yet
            </Badge>
          </Stack>
          <Text ta="center">{purpose}</Text>
          <List
            size="sm"
            spacing={4}
            c="dimmed"
            icon={<IconPointFilled size={12} style={{ marginTop: 4 }} />}
            styles={{ itemWrapper: { alignItems: 'flex-start' } }}
          >
            {plans.map((plan) => (
              <List.Item key={plan}>{plan}</List.Item>
            ))}
          </List>
          <Text size="xs" c="dimmed" ta="center">
            This section comes in an upcoming release. Data import and profiling work today, under Data.
          </Text>
        </Stack>
      </Center>
    </Stack>
  );
}
