import { Group } from '@mantine/core';
import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';

/** Rows from the bottom within which the log counts as followed, so new lines scroll it. */
const STICK_PX = 24;

/**
 * A log's lines under a caption, in a pane that follows its end as lines arrive unless the user
 * scrolled up. Each log draws its own lines and gives the pane its own look (`className`).
 */
export function FollowedLog({
  caption,
  className,
  label,
  testId,
  update,
  onUpdateScrolledUp,
  keepEndOnResize = false,
  children,
}: {
  caption: ReactNode;
  className: string | undefined;
  label: string;
  testId: string;
  /** Changes when lines arrive: a followed pane then scrolls to its end. */
  update: unknown;
  /** What an update does to a pane the user scrolled up, instead of nothing. */
  onUpdateScrolledUp?: (pane: HTMLDivElement) => void;
  /** A followed pane stays at its end when it is resized too (its header grew, say). */
  keepEndOnResize?: boolean;
  children: ReactNode;
}) {
  const pane = useRef<HTMLDivElement>(null);
  const follow = useRef(true);

  useLayoutEffect(() => {
    const element = pane.current;
    if (!element) return;
    if (follow.current) element.scrollTop = element.scrollHeight;
    else onUpdateScrolledUp?.(element);
  }, [update, onUpdateScrolledUp]);

  useEffect(() => {
    const element = pane.current;
    if (!element || !keepEndOnResize) return;
    const observer = new ResizeObserver(() => {
      if (follow.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [keepEndOnResize]);

  return (
    <>
      <Group justify="space-between" px="md" py={4} style={{ flex: 'none' }}>
        {caption}
      </Group>
      <div
        ref={pane}
        className={className}
        onScroll={(event) => {
          const element = event.currentTarget;
          follow.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_PX;
        }}
        tabIndex={0}
        role="log"
        aria-label={label}
        data-testid={testId}
      >
        {children}
      </div>
    </>
  );
}
